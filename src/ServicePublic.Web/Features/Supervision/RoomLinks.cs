using ServicePublic.Web.Features.BackOffice;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>
/// Where each figure of a room leads: the clerks' queue filtered to exactly the requests it counts,
/// the payments ledger of the same days, or — where no list holds exactly what a figure counts (the
/// requests received in 30 days, an office's money, anything of the whole nation) — the breakdown
/// table below it, whose lines lead further down.
/// </summary>
public sealed record RoomLinks(RoomScope Scope, DateOnly Today)
{
    public const string MinistriesId = "ministeres";
    public const string OfficesId = "bureaux";
    public const string ProceduresId = "demarches";
    public const string Ministries = "#" + MinistriesId;
    public const string Procedures = "#" + ProceduresId;

    /// <summary>The breakdown of this room: its ministries at the nation, its procedures below.</summary>
    public string Breakdown => Scope.IsNation ? Ministries : Procedures;

    /// <summary>The queue of this ministry (office, procedure); at the nation, which has no queue, the ministries.</summary>
    public string Queue(string? statut = null, bool late = false, string? assigned = null) => Scope.IsNation
        ? Ministries
        : BackOfficePaths.QueueFiltered(new QueueFilter
        {
            Ministere = Scope.MinistryCode,
            Bureau = Scope.OfficeCode,
            Demarche = Scope.ProcedureSlug,
            Statut = statut,
            Retard = late,
            Affectation = assigned,
        }.Query());

    public string OpenQueue(string? assigned = null) => Queue(QueueFilter.Open, assigned: assigned);

    /// <summary>The ledger from <paramref name="from"/> to today; an office's money is only found procedure by procedure.</summary>
    public string Ledger(DateOnly from) => Scope switch
    {
        { IsNation: true } => Ministries,
        { OfficeId: not null, ProcedureId: null } => Procedures,
        _ => SupervisionPaths.PaymentsOf(Scope.MinistryCode, from, Today, Scope.ProcedureSlug),
    };

    public string LedgerToday => Ledger(Today);

    public string LedgerThisMonth => Ledger(new DateOnly(Today.Year, Today.Month, 1));
}
