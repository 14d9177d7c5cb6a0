using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ServicePublic.Web.Domain.Catalogue;

/// <summary>One démarche. Its content lives in versions; a request keeps the version it was filed under.</summary>
public sealed class Procedure
{
    public const int SlugMaxLength = 120;
    public const int SuspensionReasonMaxLength = 500;

    public int Id { get; private set; }
    public string Slug { get; private set; } = "";
    public int MinistryId { get; private set; }
    public Ministry Ministry { get; private set; } = null!;
    public int? OfficeId { get; private set; }
    public Office? Office { get; private set; }
    public int CategoryId { get; private set; }
    public Category Category { get; private set; } = null!;
    public ProcedureStatus Status { get; private set; } = ProcedureStatus.Active;
    public string? SuspensionReason { get; private set; }
    public bool IsOnline { get; private set; }

    /// <summary>
    /// The target delay a supervisor set, in days, for a procedure whose published text gives none;
    /// the published maximum always wins (<see cref="TargetDays"/>).
    /// </summary>
    public int? TargetDelayDays { get; private set; }

    public const int MaxTargetDelayDays = 365;

    /// <summary>
    /// Written or published in the procedure builder: from then on the ministry's editors own it,
    /// and the seed files no longer change it.
    /// </summary>
    public bool IsEditedOnline { get; private set; }

    public void MarkEditedOnline() => IsEditedOnline = true;

    /// <summary>0-100: how often it is requested; orders "most requested".</summary>
    public int Popularity { get; private set; }

    public List<ProcedureVersion> Versions { get; private set; } = [];

    private Procedure()
    {
    }

    public Procedure(string slug, Ministry ministry, Office? office, Category category)
    {
        Slug = slug;
        Assign(ministry, office, category);
    }

    public ProcedureVersion? CurrentVersion => Versions.SingleOrDefault(v => v.IsCurrent);

    /// <summary>Offered online and not suspended: the catalogue shows "en ligne" and a request can be started.</summary>
    public bool CanBeFiledOnline => IsOnline && Status == ProcedureStatus.Active;

    public void Assign(Ministry ministry, Office? office, Category category)
    {
        if (office is not null && !ministry.Offices.Contains(office))
        {
            throw new ArgumentException($"Office {office.Code} does not belong to {ministry.Code}.", nameof(office));
        }
        Ministry = ministry;
        Office = office;
        Category = category;
    }

    public void SetAvailability(bool isOnline, int popularity)
    {
        IsOnline = isOnline;
        Popularity = Math.Clamp(popularity, 0, 100);
    }

    /// <summary>The delay that feeds due dates, overdue and the targets: the published one, else the supervisor's.</summary>
    public int? TargetDays(ProcedureVersion version) => version.ProcessingTime.TargetDays ?? TargetDelayDays;

    /// <summary>Sets (or clears, with null) the supervisor's target delay: 1 to 365 days, only where the published text gives none.</summary>
    public void SetTargetDelay(int? days, ProcedureVersion current)
    {
        if (current.ProcessingTime.TargetDays is not null)
        {
            throw new BusinessRuleException("Le délai de cette démarche est publié : il ne se modifie pas ici.", nameof(TargetDelayDays));
        }
        if (days is < 1 or > MaxTargetDelayDays)
        {
            // MaxTargetDelayDays, written out so that the message is its own translation key.
            throw new BusinessRuleException("Le délai cible doit être compris entre 1 et 365 jours.", nameof(TargetDelayDays));
        }
        TargetDelayDays = days;
    }

    /// <summary>A procedure started in the builder: it reaches the catalogue at its first publication.</summary>
    public static Procedure Unpublished(string slug, Ministry ministry, Office? office, Category category) =>
        new(slug, ministry, office, category) { Status = ProcedureStatus.Unpublished, IsEditedOnline = true };

    /// <summary>New drafts are refused (the reason is shown on its page); submitted requests continue.</summary>
    public void Suspend(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        EnsurePublished();
        Status = ProcedureStatus.Suspended;
        SuspensionReason = reason;
    }

    public void Reactivate()
    {
        EnsurePublished();
        Status = ProcedureStatus.Active;
        SuspensionReason = null;
    }

    /// <summary>Takes the procedure out of the catalogue: its current version is retired; every version stays for the requests filed under it.</summary>
    public void Archive()
    {
        EnsurePublished();
        CurrentVersion?.Retire();
        Status = ProcedureStatus.Archived;
        SuspensionReason = null;
    }

    private void EnsurePublished()
    {
        if (Status == ProcedureStatus.Unpublished)
        {
            throw new BusinessRuleException("Cette démarche n'a jamais été publiée.");
        }
    }

    /// <summary>
    /// Publishes <paramref name="content"/> as the new current version, unless it is what the
    /// current version already says. Ministry, office and category must be loaded: their names
    /// are part of what search finds.
    /// </summary>
    public ProcedureVersion? Publish(ProcedureContent content, DateTimeOffset now)
    {
        var searchText = BuildSearchText(content);
        var hash = Hash(content, searchText);
        var current = CurrentVersion;
        if (current?.ContentHash == hash)
        {
            return null;
        }

        current?.Retire();
        // Numbered after every earlier version, current or not (an archived procedure has none current).
        var number = Versions.Count == 0 ? 1 : Versions.Max(v => v.Number) + 1;
        var version = new ProcedureVersion(this, number, content, searchText, hash, now);
        Versions.Add(version);
        if (Status is ProcedureStatus.Unpublished or ProcedureStatus.Archived)
        {
            Status = ProcedureStatus.Active;
        }
        return version;
    }

    private string BuildSearchText(ProcedureContent content) =>
        string.Join(" ", content.Documents.Select(d => d.Name)
            .Append(Ministry.Name).Append(Ministry.Acronym)
            .Append(Office?.Name ?? "").Append(Office?.Code ?? "")
            .Append(Category.Name));

    private static string Hash(ProcedureContent content, string searchText)
    {
        var json = JsonSerializer.Serialize(new { content, searchText });
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }
}
