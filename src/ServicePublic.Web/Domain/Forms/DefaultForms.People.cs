using static ServicePublic.Web.Domain.Forms.Fields;

namespace ServicePublic.Web.Domain.Forms;

// What procedures for people's health, studies, work and transport ask.
public static partial class DefaultForms
{
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
