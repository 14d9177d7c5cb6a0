using ServicePublic.TestSupport;

namespace ServicePublic.IntegrationTests.Appointments;

/// <summary>Reminders two days and one day before, each once, and never once the appointment has started (the clock is the test's).</summary>
[Collection(AppointmentCollection.Name)]
public sealed class RemindersTests(AppointmentFixture fixture)
{
    private PortalFactory Portal => fixture.Factory;

    [Fact]
    public async Task AnAppointmentBookedAWeekAhead_IsRemindedTwoDaysBefore_ThenTheDayBefore_EachOnce()
    {
        var (user, _, request) = await Portal.ApplicantAsync();
        var now = fixture.Clock.GetUtcNow();
        var slot = (await Portal.FreeSlotsAsync()).First(s => s.StartsAt > now.AddDays(6));
        await Portal.BookAsync(request, slot.Id);

        var early = await RemindersAsync(user.PhoneNumber!);
        MoveTo(slot.StartsAt.AddDays(-2).AddMinutes(1));
        var twoDays = await RemindersAsync(user.PhoneNumber!);
        var again = await RemindersAsync(user.PhoneNumber!);
        MoveTo(slot.StartsAt.AddDays(-1).AddMinutes(1));
        var oneDay = await RemindersAsync(user.PhoneNumber!);
        MoveTo(slot.StartsAt.AddMinutes(30));
        var after = await RemindersAsync(user.PhoneNumber!);

        Assert.Equal(0, early);
        Assert.Equal(1, twoDays);
        Assert.Equal(1, again);
        Assert.Equal(2, oneDay);
        Assert.Equal(2, after);
        Assert.All((await Portal.SmsToAsync(user.PhoneNumber!)).Where(s => s.Contains("rappel")), s => Assert.True(s.Length <= 160, s));
        Assert.Equal(2, (await Portal.EmailSubjectsToAsync(user.Email!)).Count(s => s.StartsWith("Rappel : rendez-vous le ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task NoReminderGoesOnceTheAppointmentHasStarted_EvenWhenTheJobWasStopped()
    {
        var (user, _, request) = await Portal.ApplicantAsync();
        var now = fixture.Clock.GetUtcNow();
        var slot = (await Portal.FreeSlotsAsync()).First(s => s.StartsAt > now.AddDays(4));
        await Portal.BookAsync(request, slot.Id);

        MoveTo(slot.StartsAt.AddMinutes(1));

        Assert.Equal(0, await RemindersAsync(user.PhoneNumber!));
    }

    [Fact]
    public async Task BookedTheDayBefore_GetsOnlyTheConfirmation_NotARemindersBurst_AndACancelledOneGetsNone()
    {
        var (user, _, request) = await Portal.ApplicantAsync();
        var (other, _, cancelled) = await Portal.ApplicantAsync();
        var now = fixture.Clock.GetUtcNow();
        var free = await Portal.FreeSlotsAsync();
        var soon = free.First(s => s.StartsAt > now.AddHours(30) && s.StartsAt < now.AddHours(47));
        var later = free.First(s => s.StartsAt > now.AddDays(5));
        await Portal.BookAsync(request, soon.Id);
        await Portal.BookAsync(cancelled, later.Id);
        await Portal.WithDbAsync(db => Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlAsync(db.Database,
            $"UPDATE appointments SET status = 'Cancelled' WHERE request_id = {cancelled.Id}"));

        var atOnce = await RemindersAsync(user.PhoneNumber!);
        MoveTo(soon.StartsAt.AddDays(-1).AddMinutes(1));
        var dayBefore = await RemindersAsync(user.PhoneNumber!);
        MoveTo(later.StartsAt.AddDays(-1).AddMinutes(1));

        Assert.Equal(0, atOnce);
        Assert.Equal(1, dayBefore);
        Assert.Equal(0, await RemindersAsync(other.PhoneNumber!));
    }

    /// <summary>Runs the reminders job until it has nothing left, then counts the reminders <paramref name="phone"/> has had.</summary>
    private async Task<int> RemindersAsync(string phone)
    {
        while (await Portal.Reminders().RunOnceAsync(CancellationToken.None) > 0)
        {
        }
        return (await Portal.SmsToAsync(phone)).Count(s => s.StartsWith("ServicePublic : rappel, RDV le ", StringComparison.Ordinal));
    }

    private void MoveTo(DateTimeOffset at)
    {
        var by = at - fixture.Clock.GetUtcNow();
        if (by > TimeSpan.Zero)
        {
            fixture.Clock.Advance(by);
        }
    }
}
