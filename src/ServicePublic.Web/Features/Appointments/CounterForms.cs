using System.Globalization;

namespace ServicePublic.Web.Features.Appointments;

/// <summary>A place as its form posts it: the week's hours Monday first (empty: shut that day), closures one a line.</summary>
public sealed class PlaceForm
{
    /// <summary>Monday to Sunday, as the form lists them.</summary>
    public static readonly DayOfWeek[] Week = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public string? Nom { get; set; }
    public string? Adresse { get; set; }
    public int Service { get; set; }
    public string?[] Ouvre { get; set; } = new string?[7];
    public string?[] Ferme { get; set; } = new string?[7];

    /// <summary>"2026-12-25 Noël", one a line.</summary>
    public string? Fermetures { get; set; }

    public static PlaceForm Blank => new()
    {
        Ouvre = ["07:30", "07:30", "07:30", "07:30", "07:30", null, null],
        Ferme = ["15:30", "15:30", "15:30", "15:30", "15:30", null, null],
    };

    public static PlaceForm Of(Place place) => new()
    {
        Nom = place.Name,
        Adresse = place.Address,
        Service = place.OfficeId,
        Ouvre = [.. Week.Select(d => place.Hours.FirstOrDefault(h => h.Day == d)?.Opens.ToString("HH:mm", CultureInfo.InvariantCulture))],
        Ferme = [.. Week.Select(d => place.Hours.FirstOrDefault(h => h.Day == d)?.Closes.ToString("HH:mm", CultureInfo.InvariantCulture))],
        Fermetures = string.Join('\n', place.Closures.Select(c => $"{c.Date:yyyy-MM-dd} {c.Reason}")),
    };

    /// <summary>The hours and closures typed; a <see cref="BusinessRuleException"/> naming the line or day that cannot be read.</summary>
    public (List<OpeningHours> Hours, List<Closure> Closures) Parse()
    {
        var hours = new List<OpeningHours>();
        for (var i = 0; i < Week.Length; i++)
        {
            var opens = i < Ouvre.Length ? Ouvre[i] : null;
            var closes = i < Ferme.Length ? Ferme[i] : null;
            if (string.IsNullOrWhiteSpace(opens) && string.IsNullOrWhiteSpace(closes))
            {
                continue;
            }
            if (!TimeOnly.TryParse(opens, CultureInfo.InvariantCulture, out var from) || !TimeOnly.TryParse(closes, CultureInfo.InvariantCulture, out var to))
            {
                throw new BusinessRuleException("Pour chaque jour ouvert, indiquez l'heure d'ouverture et celle de fermeture (par exemple 07:30 et 15:30).", "hours");
            }
            hours.Add(new OpeningHours(Week[i], from, to));
        }
        var closures = new List<Closure>();
        var lines = (Fermetures ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var line in lines)
        {
            var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            if (!DateOnly.TryParseExact(parts[0], ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new BusinessRuleException("Une fermeture par ligne : la date (AAAA-MM-JJ ou JJ/MM/AAAA), puis le motif. Par exemple : 2026-12-25 Noël.", "closures");
            }
            closures.Add(new Closure(date, parts.Length > 1 ? parts[1] : "Fermeture"));
        }
        return (hours, closures);
    }

    /// <summary>The form input a refusal of <see cref="Place"/> is shown under.</summary>
    public static string InputOf(string? field) => field switch
    {
        "name" => nameof(Nom),
        "address" => nameof(Adresse),
        "office" => nameof(Service),
        "hours" => "hours",
        "closures" => nameof(Fermetures),
        _ => "",
    };
}

/// <summary>A procedure's visit to the counter as its form posts it.</summary>
public sealed class StepForm
{
    public AppointmentOpening Ouverture { get; set; } = AppointmentOpening.AfterPayment;
    public int Minutes { get; set; } = 15;
    public int Personnes { get; set; } = 1;
    public int Delai { get; set; } = 24;
    public string? Apporter { get; set; }
    public int[]? Lieux { get; set; }

    public static StepForm Of(InPersonStep? step) => step is null ? new StepForm() : new()
    {
        Ouverture = step.Opening,
        Minutes = step.SlotMinutes,
        Personnes = step.PeoplePerSlot,
        Delai = step.ChangeUntilHours,
        Apporter = step.WhatToBring,
        Lieux = [.. step.PlaceIds],
    };

    public static string InputOf(string? field) => field switch
    {
        "opening" => nameof(Ouverture),
        "slotMinutes" => nameof(Minutes),
        "peoplePerSlot" => nameof(Personnes),
        "changeUntilHours" => nameof(Delai),
        "whatToBring" => nameof(Apporter),
        "placeIds" => nameof(Lieux),
        _ => "",
    };
}

public sealed record StepLine(string Slug, string Title, int? Minutes, int? PerSlot);

public sealed record PlacesPage(IReadOnlyList<Place> Places, IReadOnlyList<StepLine> Procedures);

public sealed record PlacePage(int? Id, PlaceForm Form, IReadOnlyList<(int Id, string Name)> Offices)
{
    public string PostTo => Id is { } id ? AppointmentPaths.Place(id) : AppointmentPaths.NewPlace;
}

public sealed record StepPage(string Slug, string Title, StepForm Form, IReadOnlyList<Place> Places);
