namespace ServicePublic.Web.Features.Catalogue;

/// <summary>A procedure in a list (catalogue, search, home): the columns its card shows, not its whole version.</summary>
public sealed record ProcedureCard(
    string Slug,
    string Title,
    string Summary,
    string MinistryAcronym,
    Audience Audience,
    ProcedureStatus Status,
    bool IsOnline,
    IReadOnlyList<FeeItem> Fees)
{
    public bool CanBeFiledOnline => IsOnline && Status == ProcedureStatus.Active;

    public long FlatTotal => FeeTotals.FlatTotal(Fees);

    public bool IsFree => FeeTotals.IsFree(Fees);
}

/// <summary>The current version of one procedure as its page shows it: everything but the form and the search text.</summary>
public sealed record ProcedurePage
{
    public required int ProcedureId { get; init; }
    public required string Slug { get; init; }
    public required ProcedureStatus Status { get; init; }
    public required string? SuspensionReason { get; init; }
    public required bool IsOnline { get; init; }
    public required string MinistryCode { get; init; }
    public required string MinistryAcronym { get; init; }
    public required string MinistryName { get; init; }
    public required string? OfficeName { get; init; }
    public required string CategorySlug { get; init; }
    public required string CategoryName { get; init; }

    public required int Number { get; init; }
    public required DateTimeOffset PublishedAt { get; init; }
    public required string Title { get; init; }
    public required string Summary { get; init; }
    public required string Description { get; init; }
    public required Audience Audience { get; init; }
    public required string? AudienceConditions { get; init; }
    public required IReadOnlyList<string> Conditions { get; init; }
    public required IReadOnlyList<string> Steps { get; init; }
    public required IReadOnlyList<RequiredDocument> Documents { get; init; }
    public required IReadOnlyList<FeeItem> Fees { get; init; }
    public required string ProcessingTime { get; init; }
    public required string? Validity { get; init; }
    public required string? LegalBasis { get; init; }

    /// <summary>The page shows the current version only, so this is the procedure's own rule.</summary>
    public bool CanBeFiledOnline => IsOnline && Status == ProcedureStatus.Active;

    public long FlatTotal => FeeTotals.FlatTotal(Fees);

    public bool FlatTotalIsExact => FeeTotals.IsExact(Fees);

    public bool IsFree => FeeTotals.IsFree(Fees);
}

public sealed record FacetOption(string Value, string Label, int Count);

public sealed record CatalogueResult(
    CatalogueFilter Filter,
    IReadOnlyList<ProcedureCard> Items,
    int Total,
    int PageCount,
    IReadOnlyList<FacetOption> Ministries,
    IReadOnlyList<FacetOption> Categories,
    int IndividualsCount,
    int CompaniesCount);

public sealed record MinistrySummary(string Code, string Acronym, string Name, string Description, int ProcedureCount);

/// <summary>A ministry's page: itself, its offices and its procedures ordered by category.</summary>
public sealed record MinistryPage(MinistryHeader Ministry, IReadOnlyList<MinistryProcedure> Procedures);

public sealed record MinistryHeader(int Id, string Code, string Acronym, string Name, string Description, IReadOnlyList<OfficeLine> Offices);

public sealed record OfficeLine(string Code, string Name);

public sealed record MinistryProcedure(string CategoryName, string Slug, string Title, ProcedureStatus Status);
