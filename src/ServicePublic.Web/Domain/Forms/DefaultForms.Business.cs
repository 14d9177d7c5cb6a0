using ServicePublic.Web.Domain.Catalogue;
using static ServicePublic.Web.Domain.Forms.Fields;

namespace ServicePublic.Web.Domain.Forms;

// What procedures for economic activity ask: companies, trade, mines, energy, telecoms, land, taxes, farming, environment.
public static partial class DefaultForms
{
    private static FormField Activity() => Text("activite-principale", "Activité principale");

    private static FormField Location(string label = "Localisation (préfecture, canton)") => Text("localisation", label);

    private static FormField PoliceNumber() => Text("numero-police", "Numéro de police d'abonnement").WithHelp("Il figure sur vos factures.");

    private static FormField Power(string label = "Puissance demandée") => Number("puissance-kw", label, "kW", 0.1m, 1_000_000m);

    private static FormField Technology() =>
        Choice("technologie", "Technologie", "Solaire photovoltaïque", "Hydroélectricité", "Biomasse", "Éolien", "Thermique", "Autre");

    private static IEnumerable<FormField> Project() =>
    [
        Text("intitule-projet", "Intitulé du projet"),
        Text("localisation-projet", "Localisation du projet"),
        LongText("description-projet", "Description du projet"),
    ];

    private static IEnumerable<FormField> Company(string slug) => slug switch
    {
        "modification-entreprise" =>
        [
            Choices("modifications", "Modifications demandées", "Dénomination", "Siège social", "Activité", "Capital", "Dirigeants", "Forme juridique", "Autre"),
            LongText("details-modifications", "Détail des modifications"),
        ],
        "dissolution-radiation-entreprise" =>
        [
            LongText("motif-dissolution", "Motif de la dissolution"),
            Date("date-cessation", "Date de cessation d'activité"),
        ],
        "recherche-reservation-nom-commercial" =>
        [
            LongText("noms-souhaites", "Noms souhaités, par ordre de préférence"),
            Activity(),
        ],
        "carte-ressortissant-ccit" => [Activity(), Choice("secteur", "Secteur", "Commerce", "Industrie", "Services", "Artisanat")],
        "agrement-statut-zone-franche" or "agrement-code-investissements" =>
        [
            .. Project(),
            Number("investissement-fcfa", "Investissement prévu", "FCFA", 1m, null),
            Number("emplois-prevus", "Emplois directs prévus", null, 0m, 100_000m),
        ],
        _ =>
        [
            Text("denomination", "Dénomination ou nom commercial"),
            Choice("forme-juridique", "Forme juridique", "Entreprise individuelle", "SARL", "SARL unipersonnelle", "SA", "SAS", "GIE", "Société coopérative", "Autre"),
            Activity(),
            Text("adresse-siege", "Adresse du siège"),
        ],
    };

    private static IEnumerable<FormField> Trade() =>
    [
        Activity(),
        LongText("produits", "Produits concernés"),
        Text("pays", "Pays d'origine ou de destination"),
    ];

    private static IEnumerable<FormField> Mining(string slug) => slug switch
    {
        "autorisation-achat-explosifs" or "agrement-depot-explosifs" or "autorisation-utilisation-explosifs" =>
        [
            Text("type-explosifs", "Type d'explosifs"),
            Number("quantite-kg", "Quantité", "kg", 0.1m, 10_000_000m),
            Location("Site concerné (préfecture, canton)"),
        ],
        "laissez-passer-transport-substances-minerales" or "autorisation-exportation-substances-minerales" or "autorisation-exportation-echantillons-analyse" =>
        [
            Text("substances", "Substances concernées"),
            Number("quantite-tonnes", "Quantité", "t", 0.001m, 10_000_000m),
            Text("destination", "Destination"),
        ],
        "achat-cartes-donnees-geologiques" => [Text("zone", "Zone ou feuilles souhaitées")],
        "autorisation-exploitation-source-eau-minerale" => [Text("nom-source", "Nom de la source"), Location()],
        _ => [Text("substances", "Substances recherchées"), Location()],
    };

    private static IEnumerable<FormField> Electricity(string slug) => slug switch
    {
        "agrement-materiel-energies-renouvelables-exonerations" => [LongText("materiel", "Matériel concerné (désignation, quantité, valeur)")],
        "agrement-distributeur-kits-solaires" or "agrement-installateur-electricien" =>
        [
            Text("domaine-activite", "Domaine d'activité"),
            LongText("references", "Principales réalisations ou références", required: false),
        ],
        "licence-producteur-independant-electricite" => [Technology(), Power("Puissance installée"), Location("Site de production")],
        _ when slug.Contains("autoproduction", StringComparison.Ordinal) => [Technology(), Power("Puissance installée"), Text("adresse-installation", "Adresse de l'installation")],
        "suivi-en-ligne-compte-client-ceet" => [PoliceNumber()],
        "mutation-abonnement-electricite" => [PoliceNumber(), Text("ancien-titulaire", "Nom de l'ancien titulaire")],
        "resiliation-abonnement-electricite" => [PoliceNumber(), FutureDate("date-resiliation", "Date de résiliation souhaitée")],
        "modification-puissance-abonnement-electricite" => [PoliceNumber(), Power("Nouvelle puissance demandée")],
        "extension-reseau-electrique" => [Text("localite", "Localité à desservir"), Number("distance-m", "Distance estimée jusqu'au réseau", "m", 1m, 100_000m, required: false)],
        _ => [Power(), Text("adresse-branchement", "Adresse du branchement")],
    };

    private static IEnumerable<FormField> Petroleum(string slug) =>
    [
        Choices("produits-petroliers", "Produits concernés", "Essence super", "Gasoil", "Pétrole lampant", "Gaz butane (GPL)", "Carburéacteur (Jet A1)", "Fioul", "Lubrifiants"),
        Location("Localisation du site"),
        .. slug switch
        {
            "autorisation-importation-produits-petroliers" => [Number("volume-annuel-m3", "Volume annuel estimé", "m³", 1m, null)],
            "agrement-depot-stockage-produits-petroliers" or "autorisation-construction-station-service" =>
                [Number("capacite-m3", "Capacité de stockage", "m³", 1m, null)],
            _ => Array.Empty<FormField>(),
        },
    ];

    private static IEnumerable<FormField> Telecoms(string slug) => slug switch
    {
        "assignation-frequences-radioelectriques" or "modification-assignation-frequences" =>
            [Text("bandes-frequences", "Bandes de fréquences souhaitées"), Text("zone-couverture", "Zone de couverture"), LongText("usage", "Usage prévu")],
        "assignation-frequences-radio-amateurs" => [Text("indicatif", "Indicatif d'appel, si vous en avez un", required: false), Text("adresse-station", "Adresse de la station")],
        "attribution-ressources-numerotation" => [LongText("ressources", "Ressources demandées (numéros courts, blocs de numéros)"), LongText("usage", "Usage prévu")],
        "suspension-resiliation-autorisation-arcep" =>
            [Choice("nature-demande", "Vous demandez", "Une suspension", "Une résiliation"), LongText("motif", "Motif")],
        "agrement-installateur-equipements-communications-electroniques" => [Text("domaine-activite", "Équipements installés"), Text("zone-intervention", "Zone d'intervention")],
        _ => [LongText("description-service", "Service ou réseau concerné"), Text("zone-couverture", "Zone de couverture")],
    };

    private static IEnumerable<FormField> Land(string slug) =>
    [
        Text("localisation-terrain", "Localisation du terrain (quartier, ville)"),
        Text("reference-terrain", "Numéro du titre foncier ou référence cadastrale", required: false),
        Number("superficie-terrain-m2", "Superficie du terrain", "m²", 1m, null),
        .. slug switch
        {
            "permis-construire" => [Choice("usage", "Usage du bâtiment", "Habitation", "Commerce", "Bureaux", "Industrie", "Équipement public", "Autre")],
            "permis-demolir" => [LongText("motif", "Motif de la démolition")],
            "mutation-titre-foncier" => [Choice("nature-mutation", "Nature de la mutation", "Vente", "Donation", "Succession", "Autre"), Text("acquereur", "Nom du nouveau titulaire")],
            _ => Array.Empty<FormField>(),
        },
    ];

    private static IEnumerable<FormField> Taxes(string slug, Audience audience)
    {
        // A business's NIF is in its profile; an individual types theirs.
        var nif = Nif("nif", "Votre NIF");
        nif.AppliesTo = audience == Audience.Individuals ? DocumentAudience.All : DocumentAudience.Individuals;
        return slug switch
        {
            "immatriculation-nif" =>
            [
                Activity(),
                Text("adresse", "Adresse (quartier, ville)"),
                Choice("type-contribuable", "Vous êtes", "Une personne physique", "Une personne morale"),
            ],
            "attestation-regularite-fiscale" => [nif, Text("usage-attestation", "Usage de l'attestation (marché public, banque, etc.)")],
            "remboursement-credit-tva" => [Text("periode", "Période concernée (mois et année)"), Number("montant-fcfa", "Montant demandé", "FCFA", 1m, null)],
            _ =>
            [
                nif,
                Choice("impot", "Impôt concerné", "TVA", "Impôt sur les sociétés", "Impôt sur le revenu", "Taxe professionnelle unique", "Autre"),
                Text("periode", "Période concernée (mois et année)"),
            ],
        };
    }

    private static IEnumerable<FormField> Farming(string slug) => slug switch
    {
        "homologation-pesticides" =>
            [Text("nom-produit", "Nom commercial du produit"), Text("matiere-active", "Matière active"), Text("fabricant", "Fabricant")],
        _ =>
        [
            LongText("produits", "Produits concernés (nature et quantité)"),
            Text("pays", "Pays d'origine ou de destination"),
            Text("point-passage", "Point d'entrée ou de sortie", required: false),
        ],
    };

    private static IEnumerable<FormField> Environment(string slug) => slug switch
    {
        "permis-exploitation-forestiere" or "agrement-exploitant-forestier" =>
        [
            Text("zone-exploitation", "Zone d'exploitation"),
            Text("essences", "Essences concernées"),
            Number("volume-bois-m3", "Volume annuel prévu", "m³", 1m, null, required: false),
        ],
        _ => Project(),
    };
}
