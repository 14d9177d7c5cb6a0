namespace ServicePublic.Web.Domain.Appointments;

/// <summary>When an applicant may book: as soon as the request is filed and paid, or once a clerk says the file is ready.</summary>
public enum AppointmentOpening
{
    /// <summary>Filed (and its fee paid when one is due at filing): biometrics for a passport or an identity card.</summary>
    AfterPayment = 1,

    /// <summary>A clerk checked the file and invites the applicant (originals for a nationality certificate).</summary>
    WhenInvited = 2,
}

/// <summary>
/// A procedure's visit to a counter, as its office runs it: where (places), how long each person
/// takes, how many are served at once, what to bring, and until when an appointment can be moved.
/// Operational, not part of the procedure's published text: the office changes it without a new version.
/// </summary>
public sealed class InPersonStep
{
    public const int BringMaxLength = 500;
    public const int MinMinutes = 5;
    public const int MaxMinutes = 240;
    public const int MaxPerSlot = 50;
    public const int MaxChangeHours = 168;

    /// <summary>How far ahead an applicant may book.</summary>
    public const int BookingDays = 90;

    public int ProcedureId { get; private set; }
    public Catalogue.Procedure Procedure { get; private set; } = null!;
    public AppointmentOpening Opening { get; private set; } = AppointmentOpening.AfterPayment;
    public int SlotMinutes { get; private set; } = 15;
    public int PeoplePerSlot { get; private set; } = 1;

    /// <summary>An appointment can be moved or cancelled until this many hours before it starts.</summary>
    public int ChangeUntilHours { get; private set; } = 24;
    public string WhatToBring { get; private set; } = "";
    public List<int> PlaceIds { get; private set; } = [];

    /// <summary>What to bring, as told to the applicant: the office's words, or the originals of the file.</summary>
    public string Bring => WhatToBring.Length > 0 ? WhatToBring : "les originaux des pièces de votre dossier et une pièce d'identité";

    private InPersonStep()
    {
    }

    public InPersonStep(int procedureId) => ProcedureId = procedureId;

    public void Change(AppointmentOpening opening, int slotMinutes, int peoplePerSlot, int changeUntilHours, string whatToBring, IEnumerable<int> placeIds)
    {
        if (!Enum.IsDefined(opening))
        {
            throw new BusinessRuleException("Choisissez quand la prise de rendez-vous s'ouvre.", "opening");
        }
        if (slotMinutes is < MinMinutes or > MaxMinutes)
        {
            throw new BusinessRuleException($"Un rendez-vous dure de {MinMinutes} à {MaxMinutes} minutes.", "slotMinutes");
        }
        if (peoplePerSlot is < 1 or > MaxPerSlot)
        {
            throw new BusinessRuleException($"Un créneau reçoit de 1 à {MaxPerSlot} personnes.", "peoplePerSlot");
        }
        if (changeUntilHours is < 0 or > MaxChangeHours)
        {
            throw new BusinessRuleException($"Le délai pour déplacer un rendez-vous va de 0 à {MaxChangeHours} heures.", "changeUntilHours");
        }
        whatToBring = whatToBring.Trim();
        if (whatToBring.Length > BringMaxLength)
        {
            throw new BusinessRuleException($"« À apporter » tient en {BringMaxLength} caractères.", "whatToBring");
        }
        var places = placeIds.Distinct().Order().ToList();
        if (places.Count == 0)
        {
            throw new BusinessRuleException("Choisissez au moins un lieu où recevoir les usagers.", "placeIds");
        }
        Opening = opening;
        SlotMinutes = slotMinutes;
        PeoplePerSlot = peoplePerSlot;
        ChangeUntilHours = changeUntilHours;
        WhatToBring = whatToBring;
        PlaceIds = places;
    }

    /// <summary>The last moment an appointment starting at <paramref name="start"/> can be moved or cancelled by its applicant.</summary>
    public DateTimeOffset ChangeDeadline(DateTimeOffset start) => start.AddHours(-ChangeUntilHours);

    /// <summary>
    /// The starts of the slots <paramref name="place"/> offers from <paramref name="from"/> to
    /// <paramref name="to"/> (days, inclusive): every <see cref="SlotMinutes"/> from opening, each
    /// ending by closing time, on the days it opens.
    /// </summary>
    public IEnumerable<DateTimeOffset> SlotStarts(Place place, DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (place.HoursOn(day) is not { } hours)
            {
                continue;
            }
            var start = hours.Opens;
            while (start.AddMinutes(SlotMinutes, out var wrappedDays) is var end && wrappedDays == 0 && end <= hours.Closes)
            {
                yield return new DateTimeOffset(day.ToDateTime(start), TimeSpan.Zero);
                start = end;
            }
        }
    }
}
