namespace ServicePublic.Web.Features.Supervision;

public sealed record LedgerMinistry(int Id, string Code, string Name);

public sealed record LedgerProcedure(int Id, string Slug, string Title);

/// <summary>Whose payments, over which days, narrowed by procedure, provider and method.</summary>
public sealed record LedgerScope(int MinistryId, LedgerPeriod Period, string? ProcedureSlug, string? Provider, PaymentMethod? Method);

/// <summary>Collected (still succeeded), refunded, and how many payments came in.</summary>
public sealed record LedgerFigures(int Count, long Collected, long Refunded)
{
    public static readonly LedgerFigures None = new(0, 0, 0);

    public static LedgerFigures Of(PaymentStatus status, int count, long amount) =>
        status == PaymentStatus.Refunded ? new(count, 0, amount) : new(count, amount, 0);

    public static LedgerFigures Sum(IEnumerable<LedgerFigures> figures) =>
        figures.Aggregate(None, (a, b) => new(a.Count + b.Count, a.Collected + b.Collected, a.Refunded + b.Refunded));
}

public sealed record LedgerDay(DateOnly Day, LedgerFigures Figures);

public sealed record LedgerChannel(string Provider, PaymentMethod Method, LedgerFigures Figures);

/// <summary>One row of a breakdown table, its label ready to show.</summary>
public sealed record LedgerGroup(string Label, LedgerFigures Figures);

/// <summary>A payment flagged for a supervisor: a wrong amount, money received for a request that no longer expected it.</summary>
public sealed record LedgerAnomaly(
    DateTimeOffset At, string? TrackingNumber, int ProcedureId, string Provider, PaymentMethod Method,
    long Amount, PaymentStatus Status, string? ReceiptNumber, string Anomaly)
{
    public string Procedure { get; init; } = "";
}

public sealed record LedgerReport(
    LedgerFigures Totals,
    IReadOnlyList<LedgerDay> ByDay,
    IReadOnlyList<LedgerGroup> ByProcedure,
    IReadOnlyList<LedgerChannel> ByChannel,
    IReadOnlyList<LedgerAnomaly> Anomalies,
    int AnomalyCount);

/// <summary>One line of the CSV: a payment received in the period.</summary>
public sealed record LedgerLine(
    DateTimeOffset CompletedAt, string? ReceiptNumber, string? TrackingNumber, int ProcedureId, string Provider, PaymentMethod Method,
    string? ProviderReference, string? OperatorReference, long Amount, PaymentStatus Status, DateTimeOffset? RefundedAt, string? RefundReference);

/// <summary>
/// What the ledger page shows. <see cref="Ministry"/> is null for a supervisor no ministry was
/// given to; <see cref="Report"/> is null while the filters are wrong.
/// </summary>
public sealed record LedgerPage(
    LedgerQuery Query,
    LedgerMinistry? Ministry,
    IReadOnlyList<LedgerMinistry> Ministries,
    IReadOnlyList<LedgerProcedure> Procedures,
    IReadOnlyList<string> Providers,
    LedgerPeriod? Period,
    LedgerReport? Report)
{
    /// <summary>The CSV of exactly what the page shows: the period it resolved to, the same filters.</summary>
    public string CsvUrl
    {
        get
        {
            var parameters = new List<KeyValuePair<string, string?>>();
            if (Ministries.Count > 0 && Ministry is not null)
            {
                parameters.Add(new("ministere", Ministry.Code));
            }
            if (Period is not null)
            {
                parameters.Add(new("du", LedgerPeriod.Iso(Period.From)));
                parameters.Add(new("au", LedgerPeriod.Iso(Period.To)));
            }
            parameters.Add(new("demarche", Query.Procedure));
            parameters.Add(new("prestataire", Query.Provider));
            parameters.Add(new("moyen", Query.Method));
            return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
                SupervisionPaths.PaymentsCsv, parameters.Where(p => !string.IsNullOrEmpty(p.Value)));
        }
    }
}

/// <summary>One breakdown table of the page: its id, heading, first column and rows.</summary>
public sealed record LedgerTable(string Id, string Title, string LabelHeader, IReadOnlyList<LedgerGroup> Rows);
