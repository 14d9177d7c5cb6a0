using ServicePublic.Web.Domain.Catalogue;
using static ServicePublic.Web.Domain.Forms.Fields;

namespace ServicePublic.Web.Domain.Forms;

// What procedures for people ask: civil status, identity, justice, health, education, work, transport.
public static partial class DefaultForms
{
    private static IEnumerable<FormField> CategoryFields(string category, string slug, ProcedureContent content) => category switch
    {
        "etat-civil-nationalite" => CivilStatus(slug),
        "identite-voyage" => Identity(slug),
        "justice" => Justice(slug),
        "sante" => Health(slug),
        "education-diplomes" => Education(slug),
        "travail-emploi" => Work(slug),
        "transports" => Transport(slug),
        "creation-vie-entreprise" => Company(slug),
        "commerce-import-export" => Trade(),
        "mines-carrieres" => Mining(slug),
        "electricite-energie" => Electricity(slug),
        "hydrocarbures" => Petroleum(slug),
        "communications-electroniques" => Telecoms(slug),
        "urbanisme-foncier" => Land(slug),
        "impots-taxes" => Taxes(slug, content.Audience),
        "agriculture-elevage" => Farming(slug),
        "environnement" => Environment(slug),
        _ => [],
    };

    private static IEnumerable<FormField> Birth(string whose = "") =>
    [
        PastDate("date-naissance", "Date de naissance" + whose),
        Text("lieu-naissance", "Lieu de naissance (ville, pays)"),
        Text("nom-pere", "Nom et prénoms du père", required: false),
        Text("nom-mere", "Nom et prénoms de la mère", required: false),
    ];

    private static IEnumerable<FormField> Deceased() =>
    [
        Text("nom-defunt", "Nom et prénoms du défunt"),
        PastDate("date-deces", "Date du décès"),
        Text("lieu-deces", "Lieu du décès"),
        Text("lien-defunt", "Votre lien avec le défunt"),
    ];

    private static IEnumerable<FormField> Foreigner() =>
    [
        Text("nationalite", "Nationalité"),
        Text("numero-passeport", "Numéro de passeport"),
    ];

    private static FormField Copies() => Number("nombre-exemplaires", "Nombre d'exemplaires", null, 1m, 10m);

    private static FormField CivilActType() => Choice("type-acte", "Acte concerné", "Naissance", "Mariage", "Décès");

    private static IEnumerable<FormField> CivilStatus(string slug) => slug switch
    {
        _ when slug.Contains("deces", StringComparison.Ordinal) => Deceased(),
        "declaration-de-naissance" =>
        [
            Text("nom-enfant", "Nom et prénoms de l'enfant"),
            Choice("sexe-enfant", "Sexe de l'enfant", "Masculin", "Féminin"),
            PastDate("date-naissance", "Date de naissance de l'enfant"),
            Text("lieu-naissance", "Lieu de naissance (maternité, commune)"),
            Text("nom-pere", "Nom et prénoms du père", required: false),
            Text("nom-mere", "Nom et prénoms de la mère"),
        ],
        "copie-acte-de-mariage" =>
        [
            Text("noms-epoux", "Noms et prénoms des époux"),
            PastDate("date-mariage", "Date du mariage"),
            Text("lieu-mariage", "Centre d'état civil du mariage"),
            Copies(),
        ],
        "dossier-celebration-mariage" =>
        [
            Text("nom-futur-conjoint", "Nom et prénoms du futur conjoint"),
            FutureDate("date-souhaitee", "Date de célébration souhaitée"),
            Text("centre-etat-civil", "Centre d'état civil choisi"),
        ],
        "nationalite-togolaise-par-mariage" =>
        [
            .. Birth(),
            Text("nationalite-actuelle", "Nationalité actuelle"),
            PastDate("date-mariage", "Date du mariage"),
        ],
        "certificat-de-residence" =>
        [
            Text("adresse-residence", "Adresse de résidence (quartier, ville)"),
            PastDate("residence-depuis", "Résidant à cette adresse depuis le"),
        ],
        "legalisation-signature-copie-conforme" =>
        [
            Choice("nature-demande", "Nature de la demande", "Légalisation de signature", "Certification de copie conforme"),
            Number("nombre-documents", "Nombre de documents", null, 1m, 50m),
        ],
        "transcription-acte-etat-civil-etranger" =>
        [
            CivilActType(),
            Text("pays-acte", "Pays où l'acte a été établi"),
            PastDate("date-evenement", "Date de l'événement"),
        ],
        "copie-acte-de-naissance" => [.. Birth(), Text("numero-acte", "Numéro de l'acte de naissance", required: false), Copies()],
        _ => Birth(),
    };

    private static IEnumerable<FormField> Identity(string slug) => slug switch
    {
        "transfert-depouille-mortelle" => [.. Deceased(), Text("destination", "Pays et ville de destination"), FutureDate("date-transfert", "Date prévue du transfert")],
        "attestation-de-perte" =>
        [
            Choice("document-perdu", "Document perdu", "Carte nationale d'identité", "Passeport", "Permis de conduire", "Carte grise", "Autre"),
            PastDate("date-perte", "Date de la perte"),
            Text("lieu-perte", "Lieu de la perte"),
        ],
        "autorisation-entree-pour-travailler" =>
        [
            Text("nom-travailleur", "Nom et prénoms du travailleur"),
            .. Foreigner(),
            Text("emploi", "Emploi proposé"),
        ],
        "carte-de-sejour-etranger" => [.. Birth(), .. Foreigner(), Text("adresse-togo", "Adresse au Togo")],
        "prorogation-de-visa" => [.. Birth(), .. Foreigner(), Date("fin-visa", "Date d'expiration du visa actuel"), Text("adresse-togo", "Adresse au Togo")],
        _ =>
        [
            .. Birth(),
            Text("profession", "Profession", required: false),
            Number("taille-cm", "Taille", "cm", 50m, 250m),
        ],
    };

    private static IEnumerable<FormField> Justice(string slug) => slug switch
    {
        "attestation-non-condamnation-etrangers" => [.. Birth(), .. Foreigner()],
        "rectification-acte-etat-civil" =>
        [
            CivilActType(),
            Text("reference-acte", "Numéro de l'acte et centre d'état civil"),
            LongText("rectification", "Rectification demandée"),
        ],
        "expedition-decision-de-justice" =>
        [
            Text("juridiction", "Juridiction"),
            Text("reference-decision", "Numéro ou référence de la décision"),
            PastDate("date-decision", "Date de la décision"),
            Copies(),
        ],
        "declaration-association" =>
        [
            Text("nom-association", "Nom de l'association"),
            Text("siege", "Adresse du siège"),
            LongText("but-association", "But de l'association"),
            Number("nombre-fondateurs", "Nombre de membres fondateurs", null, 2m, 10000m),
        ],
        "declaration-manifestation-publique" =>
        [
            Text("nature-manifestation", "Nature de la manifestation"),
            FutureDate("date-manifestation", "Date de la manifestation"),
            LongText("lieu-itineraire", "Lieu ou itinéraire"),
            Number("participants", "Nombre de participants attendus", null, 1m, 1_000_000m),
        ],
        _ => Birth(),
    };

    private static IEnumerable<FormField> Health(string slug) => slug switch
    {
        "autorisation-exercice-profession-sante" =>
        [
            Text("profession-sante", "Profession de santé"),
            Text("diplome", "Diplôme obtenu"),
            Text("numero-ordre", "Numéro d'inscription à l'ordre professionnel", required: false),
            Text("lieu-exercice", "Lieu d'exercice envisagé"),
        ],
        _ =>
        [
            Text("nom-etablissement", "Nom de l'établissement"),
            Text("adresse-etablissement", "Adresse de l'établissement (quartier, ville)"),
            Text("responsable-technique", "Responsable technique (pharmacien, médecin ou biologiste)"),
        ],
    };

    private static IEnumerable<FormField> Education(string slug) => slug switch
    {
        _ when slug.StartsWith("bourse-", StringComparison.Ordinal) =>
        [
            Choice("niveau-etudes", "Niveau d'études visé", "BTS ou DUT", "Licence", "Master", "Doctorat", "Autre"),
            Text("filiere", "Filière"),
            Text("etablissement-vise", "Établissement d'accueil", required: false),
            Number("moyenne", "Moyenne obtenue au dernier diplôme", "/20", 0m, 20m),
            .. slug == "bourse-etudes-etranger" ? [Text("pays-etudes", "Pays d'études souhaité")] : Array.Empty<FormField>(),
        ],
        _ =>
        [
            Text("diplome", "Intitulé du diplôme"),
            Number("annee-obtention", "Année d'obtention", null, 1950m, 2100m),
            Text("etablissement", "Établissement ou centre d'examen"),
            .. slug == "equivalence-diplome-etranger" ? [Text("pays-diplome", "Pays de délivrance")] : Array.Empty<FormField>(),
        ],
    };

    private static IEnumerable<FormField> CivilServant() =>
    [
        Text("matricule", "Numéro matricule"),
        Text("administration", "Ministère ou service d'affectation"),
        Text("emploi", "Emploi ou grade"),
    ];

    private static IEnumerable<FormField> Work(string slug) => slug switch
    {
        "visa-contrat-travail-etranger" =>
        [
            Text("nom-travailleur", "Nom et prénoms du travailleur"),
            Text("nationalite", "Nationalité"),
            Text("emploi", "Emploi occupé"),
            Number("duree-contrat-mois", "Durée du contrat", "mois", 1m, 120m),
            Date("date-debut", "Date de début du contrat"),
        ],
        "attestation-presence-au-poste" => [.. CivilServant(), PastDate("date-prise-service", "Date de prise de service")],
        "attestation-services-retraite" => [.. CivilServant(), Date("date-depart-retraite", "Date de départ à la retraite")],
        "mise-en-disponibilite-fonctionnaire" =>
        [
            .. CivilServant(),
            FutureDate("date-debut", "Date de début souhaitée"),
            Number("duree-mois", "Durée demandée", "mois", 1m, 120m),
            LongText("motif", "Motif de la demande"),
        ],
        "inscription-concours-fonction-publique" =>
        [
            Text("concours", "Concours visé"),
            PastDate("date-naissance", "Date de naissance"),
            Text("diplome", "Diplôme le plus élevé"),
        ],
        _ =>
        [
            Text("employeur", "Employeur concerné"),
            LongText("objet-reclamation", "Objet de la réclamation"),
            PastDate("date-faits", "Date des faits", required: false),
        ],
    };

    private static IEnumerable<FormField> Transport(string slug) => slug switch
    {
        "immatriculation-vehicule-carte-grise" or "mutation-carte-grise" =>
        [
            Text("marque-modele", "Marque et modèle"),
            Vin(),
            PastDate("premiere-circulation", "Date de première mise en circulation"),
            Choice("genre-vehicule", "Genre du véhicule", "Voiture particulière", "Camionnette", "Camion", "Autocar ou autobus", "Motocyclette", "Tricycle", "Autre"),
            .. slug == "mutation-carte-grise" ? [Text("immatriculation", "Numéro d'immatriculation actuel")] : Array.Empty<FormField>(),
        ],
        "autorisation-transport-public-routier" =>
        [
            Choice("type-transport", "Transport de", "Personnes", "Marchandises"),
            Number("nombre-vehicules", "Nombre de véhicules", null, 1m, 10000m),
            Text("itineraire", "Itinéraire ou zone desservie"),
        ],
        _ =>
        [
            PastDate("date-naissance", "Date de naissance"),
            Text("lieu-naissance", "Lieu de naissance (ville, pays)"),
            Choices("categories-permis", "Catégories demandées", "A", "B", "C", "D", "E"),
            .. slug == "conversion-permis-conduire-etranger" ? [Text("pays-permis", "Pays de délivrance du permis")] : Array.Empty<FormField>(),
        ],
    };

    // 17 characters, without I, O or Q (ISO 3779).
    private static FormField Vin()
    {
        var field = Text("numero-chassis", "Numéro de châssis (VIN)").WithHelp("17 caractères, inscrits sur la carte grise d'origine.");
        field.Pattern = "[A-HJ-NPR-Za-hj-npr-z0-9]{17}";
        return field;
    }
}
