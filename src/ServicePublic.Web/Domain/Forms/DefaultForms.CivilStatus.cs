using static ServicePublic.Web.Domain.Forms.Fields;

namespace ServicePublic.Web.Domain.Forms;

// What procedures about a person's status ask: civil status, nationality, identity documents, justice.
public static partial class DefaultForms
{
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
}
