using ServicePublic.Web.Domain;
using ServicePublic.Web.Domain.Appointments;

namespace ServicePublic.UnitTests;

/// <summary>Slots cut from a place's hours, reminders' timing, what a clerk may mark, until when an applicant may change.</summary>
public sealed class AppointmentRulesTests
{
    private static readonly DateOnly Monday = new(2026, 12, 7);

    private static Place Lome(params Closure[] closures) => new(1, "Centre", "Lomé",
        [new(DayOfWeek.Monday, new(7, 30), new(9, 0)), new(DayOfWeek.Saturday, new(8, 0), new(8, 50))], closures);

    private static InPersonStep Step(int minutes = 15, int hoursBefore = 24)
    {
        var step = new InPersonStep(1);
        step.Change(AppointmentOpening.AfterPayment, minutes, 3, hoursBefore, "", [1]);
        return step;
    }

    [Fact]
    public void Slots_RunFromOpening_EachEndingByClosing_OnOpenDaysOnly()
    {
        var starts = Step(20).SlotStarts(Lome(), Monday, Monday.AddDays(6)).Select(s => s.ToString("ddd HH:mm", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(["Mon 07:30", "Mon 07:50", "Mon 08:10", "Mon 08:30", "Sat 08:00", "Sat 08:20"], starts);
    }

    [Fact]
    public void AClosureOrHoliday_HasNoSlot()
    {
        var place = Lome(new Closure(Monday, "Fête"));

        Assert.DoesNotContain(Step().SlotStarts(place, Monday, Monday.AddDays(7)), s => DateOnly.FromDateTime(s.UtcDateTime) == Monday);
        Assert.Equal("Fête", place.ClosedBecause(Monday));
        Assert.NotEmpty(Step().SlotStarts(place, Monday.AddDays(7), Monday.AddDays(7)));
    }

    [Fact]
    public void APlace_RefusesHoursThatCloseBeforeTheyOpen_AndAWeekWithoutOpening()
    {
        var backwards = Assert.Throws<BusinessRuleException>(() => new Place(1, "A", "B", [new(DayOfWeek.Monday, new(15, 0), new(8, 0))], []));
        var never = Assert.Throws<BusinessRuleException>(() => new Place(1, "A", "B", [], []));

        Assert.Equal("hours", backwards.Field);
        Assert.Equal("hours", never.Field);
    }

    [Fact]
    public void Reminders_ComeTwoDaysThenOneDayBefore_AndNeverOnceStarted()
    {
        var start = new DateTimeOffset(2026, 12, 20, 9, 0, 0, TimeSpan.Zero);
        var appointment = Booked(start, bookedAt: start.AddDays(-10));

        Assert.Null(appointment.ReminderDue(start.AddDays(-3)));
        Assert.Equal(2, appointment.ReminderDue(start.AddDays(-2)));
        appointment.Reminded(2);
        Assert.Null(appointment.ReminderDue(start.AddDays(-1).AddMinutes(-1)));
        Assert.Equal(1, appointment.ReminderDue(start.AddDays(-1)));
        Assert.Null(Booked(start, start.AddDays(-10)).ReminderDue(start));
        Assert.Null(Booked(start, start.AddDays(-10)).ReminderDue(start.AddHours(2)));
    }

    [Fact]
    public void BothRemindersLate_SendOnlyTheDayBefore_AndOneBookedWithinADay_GetsNone()
    {
        var start = new DateTimeOffset(2026, 12, 20, 9, 0, 0, TimeSpan.Zero);
        var late = Booked(start, start.AddDays(-10));
        var lastMinute = Booked(start, start.AddHours(-20));

        Assert.Equal(1, late.ReminderDue(start.AddHours(-2)));
        late.Reminded(1);
        Assert.Null(late.ReminderDue(start.AddHours(-1)));
        Assert.Null(lastMinute.ReminderDue(start.AddHours(-1)));
    }

    [Fact]
    public void TheApplicant_ChangesUntilTheDeadline_AClerkAtAnyTime()
    {
        var start = new DateTimeOffset(2026, 12, 20, 9, 0, 0, TimeSpan.Zero);
        var deadline = Step(hoursBefore: 24).ChangeDeadline(start);

        var refused = Assert.Throws<BusinessRuleException>(() => Booked(start, start.AddDays(-5)).End(moved: true, "usager", deadline, byClerk: false, start.AddHours(-23)));
        var byClerk = Booked(start, start.AddDays(-5));
        byClerk.End(moved: false, "agent", deadline, byClerk: true, start.AddHours(-1));

        Assert.StartsWith("Il est trop tard pour déplacer ce rendez-vous en ligne : c'était possible jusqu'au 19/12/2026 à 09h00.", refused.Message);
        Assert.Equal(AppointmentStatus.Cancelled, byClerk.Status);
    }

    [Fact]
    public void AClerk_MarksAbsentOnlyOnceTheHourIsPast_AndServedEndsIt()
    {
        var start = new DateTimeOffset(2026, 12, 20, 9, 0, 0, TimeSpan.Zero);
        var appointment = Booked(start, start.AddDays(-5));

        Assert.Throws<BusinessRuleException>(() => appointment.Mark(AppointmentStatus.Absent, "agent", start.AddMinutes(-5)));
        appointment.Mark(AppointmentStatus.Present, "agent", start.AddMinutes(-5));
        appointment.Mark(AppointmentStatus.Served, "agent", start.AddMinutes(10));
        Assert.Throws<BusinessRuleException>(() => appointment.Mark(AppointmentStatus.Absent, "agent", start.AddMinutes(20)));
        Assert.Equal(AppointmentStatus.Served, appointment.Status);
        Assert.False(appointment.IsActive);
    }

    [Fact]
    public void AnApplicantWaitingForAnEarlierDate_IsToldThreeTimesAtMost()
    {
        var appointment = Booked(new DateTimeOffset(2026, 12, 20, 9, 0, 0, TimeSpan.Zero), DateTimeOffset.UnixEpoch, wantsEarlier: true);

        var offers = Enumerable.Range(0, 5).Count(_ => appointment.TakeEarlierOffer());

        Assert.Equal(Appointment.MaxEarlierOffers, offers);
    }

    private static Appointment Booked(DateTimeOffset start, DateTimeOffset bookedAt, bool wantsEarlier = false) =>
        Appointment.Book(Guid.NewGuid(), SlotAt(start), "usager", atCounter: false, wantsEarlier, bookedAt);

    private static AppointmentSlot SlotAt(DateTimeOffset start) => new(1, 1, start, 15, 3);
}
