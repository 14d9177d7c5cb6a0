namespace ServicePublic.Web.Features.Statistics;

/// <summary>
/// The open data's columns (CSV) and keys (JSON), in this order, with what each means: the files
/// and the documentation on the statistics page are written from this one list. Stable: a column
/// may be added at the end, none is renamed or removed.
/// </summary>
public static class OpenDataColumns
{
    public const string Date = "date";
    public const string Ministry = "ministere";
    public const string Office = "bureau";
    public const string Procedure = "demarche";
    public const string ProcedureTitle = "demarche_titre";
    public const string Filed = "deposees";
    public const string Decided = "decidees";
    public const string Approved = "approuvees";
    public const string Withdrawn = "retirees";
    public const string WithTarget = "decidees_avec_delai_cible";
    public const string WithinTarget = "decidees_dans_le_delai";
    public const string AfterCorrection = "decidees_apres_complement";
    public const string DaysWithAdministration = "jours_administration";
    public const string DaysAwaitingApplicant = "jours_attente_demandeur";

    public static readonly IReadOnlyList<(string Name, string Meaning)> All =
    [
        (Date, "Le jour (AAAA-MM-JJ, heure de Lomé = UTC)."),
        (Ministry, "Le code du ministère (celui des adresses /ministeres/…)."),
        (Office, "Le code du bureau (direction, agence) qui traite la démarche ; vide si aucun."),
        (Procedure, "L'identifiant de la démarche (celui des adresses /demarches/…)."),
        (ProcedureTitle, "Le titre actuel de la démarche."),
        (Filed, "Demandes déposées ce jour-là (sorties du brouillon, payées ou non)."),
        (Decided, "Décisions rendues ce jour-là : approuvées ou rejetées (un retrait n'est pas une décision)."),
        (Approved, "Parmi les décisions du jour, celles qui approuvent la demande."),
        (Withdrawn, "Demandes retirées par le demandeur ce jour-là, avant décision."),
        (WithTarget, "Décisions du jour d'une démarche qui a un délai cible."),
        (WithinTarget, "Parmi elles, celles rendues au plus tard à l'échéance (délai cible, prolongé du temps d'attente du demandeur)."),
        (AfterCorrection, "Décisions du jour d'une demande qui a attendu un complément du demandeur."),
        (DaysWithAdministration, "Les décisions du jour par nombre de jours passés avec l'administration, attente du demandeur exclue : « 2:1|9:3 » = 1 décision en 2 jours, 3 en 9 jours (CSV) ; {\"2\":1,\"9\":3} (JSON)."),
        (DaysAwaitingApplicant, "Les décisions du jour qui ont attendu le demandeur, par nombre de jours d'attente, même écriture ; vide si aucune."),
    ];
}
