namespace ServicePublic.Web.Domain.Appointments;

/// <summary>The hours a place opens on one day of the week (Lomé time, which is UTC all year).</summary>
public sealed record OpeningHours(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);

/// <summary>A day a place is shut: a public holiday, an inventory, a strike.</summary>
public sealed record Closure(DateOnly Date, string Reason);

/// <summary>
/// Where an office receives people in person (a counter, an enrolment centre): its address, its
/// weekly hours and the days it is shut. Slots of the procedures it serves are cut from these hours.
/// </summary>
public sealed class Place
{
    public const int NameMaxLength = 120;
    public const int AddressMaxLength = 300;
    public const int ReasonMaxLength = 80;

    public int Id { get; private set; }
    public int OfficeId { get; private set; }
    public Catalogue.Office Office { get; private set; } = null!;
    public string Name { get; private set; } = "";
    public string Address { get; private set; } = "";
    public List<OpeningHours> Hours { get; private set; } = [];
    public List<Closure> Closures { get; private set; } = [];

    private Place()
    {
    }

    public Place(int officeId, string name, string address, IEnumerable<OpeningHours> hours, IEnumerable<Closure> closures)
    {
        OfficeId = officeId;
        Change(name, address, hours, closures);
    }

    /// <summary>Renames, moves or re-times the place; refused (with the input concerned) when a value makes no sense.</summary>
    public void Change(string name, string address, IEnumerable<OpeningHours> hours, IEnumerable<Closure> closures)
    {
        name = name.Trim();
        address = address.Trim();
        if (name.Length is 0 or > NameMaxLength)
        {
            throw new BusinessRuleException($"Donnez un nom au lieu ({NameMaxLength} caractères au plus).", "name");
        }
        if (address.Length is 0 or > AddressMaxLength)
        {
            throw new BusinessRuleException($"Donnez l'adresse du lieu, telle qu'un usager la cherchera ({AddressMaxLength} caractères au plus).", "address");
        }
        var week = hours.OrderBy(h => ((int)h.Day + 6) % 7).ToList();
        if (week.Any(h => h.Closes <= h.Opens))
        {
            throw new BusinessRuleException("Une heure de fermeture précède l'heure d'ouverture du même jour.", "hours");
        }
        if (week.GroupBy(h => h.Day).Any(g => g.Count() > 1))
        {
            throw new BusinessRuleException("Un jour n'a qu'une plage d'ouverture.", "hours");
        }
        if (week.Count == 0)
        {
            throw new BusinessRuleException("Le lieu doit ouvrir au moins un jour de la semaine.", "hours");
        }
        Name = name;
        Address = address;
        Hours = week;
        Closures = [.. closures.GroupBy(c => c.Date).Select(g => g.First() with { Reason = Cut(g.First().Reason) }).OrderBy(c => c.Date)];
    }

    private static string Cut(string reason) => reason.Trim() is { Length: > ReasonMaxLength } long_ ? long_[..ReasonMaxLength] : reason.Trim();

    /// <summary>The hours it opens on <paramref name="date"/>; null when it is shut that day (weekly, or closed).</summary>
    public OpeningHours? HoursOn(DateOnly date) =>
        Closures.Any(c => c.Date == date) ? null : Hours.FirstOrDefault(h => h.Day == date.DayOfWeek);

    /// <summary>Why it is shut on <paramref name="date"/>, when a closure says so.</summary>
    public string? ClosedBecause(DateOnly date) => Closures.FirstOrDefault(c => c.Date == date)?.Reason;
}
