using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Data.Seeding;
using ServicePublic.Web.Domain.Appointments;
using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Features.Appointments;
using ServicePublic.Web.Features.Telephone;

namespace ServicePublic.IntegrationTests.Appointments;

/// <summary>The applicant books, moves and cancels from its request's page, with plain forms; the database keeps every slot within its capacity.</summary>
[Collection(AppointmentCollection.Name)]
public sealed class BookingTests(AppointmentFixture fixture)
{
    private PortalFactory Portal => fixture.Factory;

    [Fact]
    public async Task APaidPassportRequest_OffersTheNearestDayFirst_AndBookingSendsTheCodeBySmsAndEmail()
    {
        var (user, client, request) = await Portal.ApplicantAsync();

        var details = await client.GetPageAsync(RequestPath(request));
        var booking = await client.GetPageAsync(details.Document.QuerySelector("#book-appointment")!.GetAttribute("href")!);
        var days = booking.Document.QuerySelectorAll("#jour option").Select(o => DateOnly.Parse(o.GetAttribute("value")!)).ToList();
        var times = booking.Texts("#book .choice label");

        Assert.Equal(HttpStatusCode.OK, booking.Status);
        Assert.Equal(days.Order(), days);
        Assert.Equal("selected", booking.Document.QuerySelector("#jour option")!.GetAttribute("selected"));
        Assert.DoesNotContain(days, d => d.DayOfWeek == DayOfWeek.Sunday);
        Assert.DoesNotContain(new DateOnly(2026, 12, 25), days);
        Assert.True(days[^1] <= DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime).AddDays(InPersonStep.BookingDays));
        Assert.NotEmpty(times);
        Assert.Contains("(3 places)", times[0]);

        var booked = await client.SubmitFormAsync(booking, "#book", new Dictionary<string, string> { ["creneau"] = FirstSlot(booking) });
        var after = await client.GetPageAsync(RequestPath(request));
        var appointment = Assert.Single(await Portal.AppointmentsOfAsync(request.Id));
        var sms = Assert.Single(await Portal.SmsToAsync(user.PhoneNumber!), s => s.Contains("RDV", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        Assert.Contains(appointment.Code, after.Texts("#appointment .code"));
        Assert.Contains(booking.Texts("#lieu option[selected]").Single(), after.Texts("#appointment")[0], StringComparison.Ordinal);
        Assert.Contains($"Code {appointment.Code}", sms);
        Assert.True(sms.Length <= 160, sms);
        Assert.Contains(await Portal.EmailSubjectsToAsync(user.Email!), s => s.StartsWith("Rendez-vous confirmé le ", StringComparison.Ordinal));
        Assert.Equal(1, (await Portal.SlotAsync(appointment.SlotId)).Booked);
    }

    [Fact]
    public async Task TwoHundredAttemptsAtOnce_OnTheLastPlace_MakeExactlyOneBooking()
    {
        var requests = new List<Request>();
        var owner = await Portal.CreateAsync(phone: TestAccounts.NewPhone());
        for (var i = 0; i < 200; i++)
        {
            requests.Add(await Portal.FileAsync(owner, AppointmentWorld.Passport));
        }
        var slot = (await Portal.FreeSlotsAsync())[^1];
        await Portal.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE appointment_slots SET capacity = booked + 1 WHERE id = {slot.Id}"));

        // All 200 start together and wait at one gate; at most 25 hold a connection at once (the
        // suite's other portals share the server's connections), so dozens of transactions queue on the slot's row.
        var gate = new TaskCompletionSource();
        using var connections = new SemaphoreSlim(25);
        var running = requests.Select(r => Task.Run(async () =>
        {
            await gate.Task;
            await connections.WaitAsync();
            try
            {
                await Portal.BookAsync(r, slot.Id);
                return "booked";
            }
            catch (Web.Domain.BusinessRuleException refused)
            {
                return refused.Message;
            }
            finally
            {
                connections.Release();
            }
        })).ToList();
        gate.SetResult();
        var attempts = await Task.WhenAll(running);
        // Gives the connections back to the server for the suite's other portals.
        Npgsql.NpgsqlConnection.ClearPool(new Npgsql.NpgsqlConnection(Portal.RuntimeConnectionString));

        var stored = await Portal.SlotAsync(slot.Id);
        var appointments = await Portal.WithDbAsync(db => db.Appointments.CountAsync(a => a.SlotId == slot.Id));
        Assert.Equal(1, attempts.Count(a => a == "booked"));
        Assert.All(attempts.Where(a => a != "booked"), a => Assert.Equal("Ce créneau vient d'être complet : choisissez-en un autre.", a));
        Assert.Equal(stored.Capacity, stored.Booked);
        Assert.Equal(1, appointments);
    }

    [Fact]
    public async Task TheDatabaseRefuses_ACountOverCapacity_EvenFromCodeThatForgotToCheck()
    {
        var slot = (await Portal.FreeSlotsAsync())[^2];

        var refused = await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() =>
            Portal.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE appointment_slots SET booked = capacity + 1 WHERE id = {slot.Id}")));

        Assert.Equal("ck_appointment_slots_within_capacity", refused.ConstraintName);
    }

    [Fact]
    public async Task OneRequest_BookingTwoSlotsAtOnce_GetsOneAppointment()
    {
        var (_, _, request) = await Portal.ApplicantAsync();
        var free = await Portal.FreeSlotsAsync();

        var results = await Task.WhenAll(new[] { free[10].Id, free[11].Id }.Select(id => Task.Run(async () =>
        {
            try
            {
                await Portal.BookAsync(request, id);
                return true;
            }
            catch (Web.Domain.BusinessRuleException)
            {
                return false;
            }
        })));

        var appointments = await Portal.AppointmentsOfAsync(request.Id);
        Assert.Single(appointments, a => a.Status == AppointmentStatus.Booked);
        // Either the second was refused, or it came after the first and moved it: never two booked.
        Assert.Contains(true, results);
        Assert.Equal(1, (await Portal.SlotAsync(free[10].Id)).Booked + (await Portal.SlotAsync(free[11].Id)).Booked);
    }

    [Fact]
    public async Task AFullSlot_ASlotInThePast_AndAnotherProceduresSlot_AreRefusedWithAClearMessage_AndNothingIsBooked()
    {
        var (_, client, request) = await Portal.ApplicantAsync();
        var free = await Portal.FreeSlotsAsync();
        var full = free[20];
        await Portal.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE appointment_slots SET capacity = booked WHERE id = {full.Id}"));
        var identityCard = (await Portal.FreeSlotsAsync("carte-nationale-identite"))[0];
        var past = await Portal.WithDbAsync(db => db.Database.SqlQuery<long>($"""
            INSERT INTO appointment_slots (place_id, procedure_id, starts_at, minutes, capacity, booked)
            SELECT place_id, procedure_id, {fixture.Clock.GetUtcNow().AddHours(-3)}, 15, 3, 0 FROM appointment_slots WHERE id = {full.Id}
            RETURNING id AS "Value"
            """).ToListAsync());
        var booking = await client.GetPageAsync(AppointmentPaths.Booking(request.TrackingNumber!));

        var messages = new List<string>();
        foreach (var slot in new[] { full.Id, past.Single(), identityCard.Id, 999_999_999 })
        {
            var response = await client.SubmitFormAsync(booking, "#book", new Dictionary<string, string> { ["creneau"] = slot.ToString() });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            messages.Add(Html.Collapse((await Html.ParseAsync(response)).QuerySelector("#creneau-error")!.TextContent));
        }

        Assert.Equal([
            "Ce créneau vient d'être complet : choisissez-en un autre.",
            "Ce créneau est passé, ou commence dans moins d'une heure : choisissez-en un autre.",
            "Choisissez un créneau dans la liste.",
            "Choisissez un créneau dans la liste.",
        ], messages);
        Assert.Empty(await Portal.AppointmentsOfAsync(request.Id));
    }

    [Fact]
    public async Task Moving_FreesTheOldPlace_TakesTheNewOne_AndSaysSo_AndAfterTheDeadlineItIsRefused()
    {
        var (user, client, request) = await Portal.ApplicantAsync();
        var free = await Portal.FreeSlotsAsync();
        var first = free.First(s => s.StartsAt > fixture.Clock.GetUtcNow().AddDays(3));
        var second = free.First(s => s.StartsAt > first.StartsAt.AddDays(1));
        await Portal.BookAsync(request, first.Id);

        var page = await client.GetPageAsync(AppointmentPaths.BookingOn(request.TrackingNumber!, (await Portal.SlotAsync(first.Id)).PlaceId, DateOnly.FromDateTime(second.StartsAt.UtcDateTime)));
        Assert.Contains("Rendez-vous actuel", page.MainText);
        var moved = await client.SubmitFormAsync(page, "#book", new Dictionary<string, string> { ["creneau"] = second.Id.ToString() });

        var appointments = await Portal.AppointmentsOfAsync(request.Id);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal([AppointmentStatus.Moved, AppointmentStatus.Booked], appointments.Select(a => a.Status));
        Assert.Equal(0, (await Portal.SlotAsync(first.Id)).Booked);
        Assert.Equal(1, (await Portal.SlotAsync(second.Id)).Booked);
        Assert.Contains(await Portal.EmailSubjectsToAsync(user.Email!), s => s.StartsWith("Rendez-vous déplacé le ", StringComparison.Ordinal));

        // Past the deadline (24 hours before), the applicant can no longer move or cancel it online.
        var late = second.StartsAt.AddHours(-2) - fixture.Clock.GetUtcNow();
        fixture.Clock.Advance(late);
        // Days later: the session has expired, as it would have.
        client = Portal.NewVisitor();
        await client.SignInAsync(user.Email!);
        var details = await client.GetPageAsync(RequestPath(request));
        var cancel = await client.PostAsync(AppointmentPaths.Cancel(request.TrackingNumber!), new FormUrlEncodedContent(
            [new("__RequestVerificationToken", details.Document.QuerySelector("form[action] input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]));
        var notice = (await client.GetPageAsync(RequestPath(request))).Texts(".notice");

        Assert.Null(details.Document.QuerySelector("#cancel"));
        Assert.Contains("Il est trop tard pour le déplacer en ligne", details.MainText);
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        Assert.Contains(notice, n => n.StartsWith("Il est trop tard pour annuler ce rendez-vous en ligne", StringComparison.Ordinal));
        Assert.Equal(AppointmentStatus.Booked, (await Portal.AppointmentsOfAsync(request.Id))[^1].Status);
    }

    [Fact]
    public async Task AnotherPersonsRequest_IsNotFound_OnEveryAppointmentAddress()
    {
        var (_, _, request) = await Portal.ApplicantAsync();
        var (_, stranger, _) = await Portal.ApplicantAsync();
        var token = (await stranger.GetPageAsync("/demandes")).Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        var slot = (await Portal.FreeSlotsAsync())[5];

        var get = await stranger.GetAsync(AppointmentPaths.Booking(request.TrackingNumber!));
        var post = await stranger.PostAsync(AppointmentPaths.Booking(request.TrackingNumber!), new FormUrlEncodedContent([new("creneau", slot.Id.ToString()), new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.True(post.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, post.StatusCode.ToString());
        Assert.Empty(await Portal.AppointmentsOfAsync(request.Id));
    }

    [Fact]
    public async Task AFreedPlace_IsOfferedToWhoeverWaitsForAnEarlierDate_AtMostThreeTimes()
    {
        var (waiting, _, late) = await Portal.ApplicantAsync();
        var free = await Portal.FreeSlotsAsync();
        await Portal.BookAsync(late, free[^3].Id, wantsEarlier: true);

        for (var i = 0; i < 4; i++)
        {
            var (_, _, early) = await Portal.ApplicantAsync();
            await Portal.BookAsync(early, free[40 + i].Id);
            await Portal.InScopeAsync(async services =>
            {
                var db = services.GetRequiredService<AppDbContext>();
                var desk = services.GetRequiredService<AppointmentDesk>();
                var tracked = await db.Requests.Include(r => r.ProcedureVersion).SingleAsync(r => r.Id == early.Id);
                await desk.CancelAsync(tracked, (await desk.StepAsync(tracked.ProcedureVersion.ProcedureId, default))!, new Booker(tracked.ApplicantId, false), default);
                return 0;
            });
        }

        var offers = (await Portal.SmsToAsync(waiting.PhoneNumber!)).Where(s => s.StartsWith("ServicePublic : place libre le ", StringComparison.Ordinal)).ToList();
        Assert.Equal(Appointment.MaxEarlierOffers, offers.Count);
        Assert.Contains(late.TrackingNumber!, offers[0]);
        Assert.All(offers, o => Assert.True(o.Length <= 160, o));
    }

    [Fact]
    public async Task RdvBySms_AnswersWithTheAppointment()
    {
        var (_, _, request) = await Portal.ApplicantAsync();
        var slot = (await Portal.FreeSlotsAsync())[50];
        var appointment = await Portal.BookAsync(request, slot.Id);
        var phone = TestAccounts.NewPhone();

        var answer = await Portal.InScopeAsync(services => services.GetRequiredService<PhoneDesk>()
            .AnswerAsync(phone, PhoneCommand.Parse($"RDV {request.TrackingNumber} {request.CheckCode}"), default));

        Assert.NotNull(answer);
        Assert.StartsWith($"ServicePublic {request.TrackingNumber} : RDV le {slot.StartsAt:dd/MM} a ", answer);
        Assert.Contains($"Code {appointment.Code}", answer);
        Assert.True(answer!.Length <= 160, answer);
    }

    private static string RequestPath(Request request) => $"/demandes/{request.TrackingNumber}";

    private static string FirstSlot(Html.Page booking) => booking.Document.QuerySelector("#book input[name=creneau]")!.GetAttribute("value")!;
}
