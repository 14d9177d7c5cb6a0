using System.Net;
using Microsoft.EntityFrameworkCore;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data.Seeding;
using ServicePublic.Web.Domain.Appointments;
using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Features.Appointments;
using ServicePublic.Web.Features.BackOffice;

namespace ServicePublic.IntegrationTests.Appointments;

/// <summary>The counter: the day's list, marking who came (which moves the request on), booking for an applicant, inviting, the supervisors' settings, no-shows in the room.</summary>
[Collection(AppointmentCollection.Name)]
public sealed class CounterTests(AppointmentFixture fixture)
{
    private PortalFactory Portal => fixture.Factory;

    [Fact]
    public async Task TheClerk_SeesTheDay_MarksTheApplicantPresentThenServed_AndTheRequestGoesIntoReview()
    {
        var (user, _, request) = await Portal.ApplicantAsync();
        var slot = (await Portal.FreeSlotsAsync())[60];
        var appointment = await Portal.BookAsync(request, slot.Id);
        var clerk = await Portal.ClerkAsync();
        var placeId = (await Portal.SlotAsync(slot.Id)).PlaceId;

        var day = await clerk.GetPageAsync(AppointmentPaths.DayOf(placeId, DateOnly.FromDateTime(slot.StartsAt.UtcDateTime)));
        var line = day.Document.QuerySelector($"#rdv-{appointment.Id}");
        Assert.NotNull(line);
        Assert.Contains(appointment.Code, line!.TextContent);
        Assert.Contains(request.TrackingNumber!, line.TextContent);
        Assert.Null(line.QuerySelector("input[value=absent]"));

        var present = await clerk.SubmitFormAsync(day, $"#rdv-{appointment.Id} form:has(input[value=present])");
        day = await clerk.GetPageAsync(AppointmentPaths.DayOf(placeId, DateOnly.FromDateTime(slot.StartsAt.UtcDateTime)));
        Assert.Contains("Présent", day.Texts($"#rdv-{appointment.Id} td")[4]);
        var served = await clerk.SubmitFormAsync(day, $"#rdv-{appointment.Id} form:has(input[value=servi])");

        var stored = await Portal.RequestAsync(request.Id);
        Assert.Equal(HttpStatusCode.Redirect, present.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, served.StatusCode);
        Assert.Equal(AppointmentStatus.Served, (await Portal.AppointmentsOfAsync(request.Id)).Single().Status);
        Assert.Equal(RequestStatus.InReview, stored.Status);
        Assert.Contains(await Portal.SmsToAsync(user.PhoneNumber!), s => s.Contains("En cours d'instruction", StringComparison.Ordinal) || s.Contains("instruction", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AnApplicant_CannotBeMarkedAbsentBeforeTheHour_AndAnotherMinistrysClerkFindsNothing()
    {
        var (_, _, request) = await Portal.ApplicantAsync();
        var slot = (await Portal.FreeSlotsAsync())[61];
        var appointment = await Portal.BookAsync(request, slot.Id);
        var clerk = await Portal.ClerkAsync();
        var stranger = await Portal.ClerkAsync("MJ");
        var token = (await stranger.GetPageAsync(AppointmentPaths.Day)).Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        var clerkToken = (await clerk.GetPageAsync(AppointmentPaths.Day)).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var early = await clerk.PostAsync(AppointmentPaths.Mark(appointment.Id), new FormUrlEncodedContent([new("etat", "absent"), new("__RequestVerificationToken", clerkToken)]));
        var notice = (await clerk.GetPageAsync(early.Headers.Location!.OriginalString)).Texts(".notice");
        var foreign = await stranger.PostAsync(AppointmentPaths.Mark(appointment.Id), new FormUrlEncodedContent([new("etat", "servi"), new("__RequestVerificationToken", token ?? "")]));
        var foreignCase = await stranger.GetAsync(AppointmentPaths.CounterBooking(request.TrackingNumber!));

        Assert.Contains("Un usager ne peut être noté absent qu'une fois l'heure de son rendez-vous passée.", notice);
        Assert.True(foreign.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, foreign.StatusCode.ToString());
        Assert.Equal(HttpStatusCode.NotFound, foreignCase.StatusCode);
        Assert.Equal(AppointmentStatus.Booked, (await Portal.AppointmentsOfAsync(request.Id)).Single().Status);
    }

    [Fact]
    public async Task AClerk_BooksAtTheCounter_ForTheApplicantInFrontOfIt()
    {
        var (user, _, request) = await Portal.ApplicantAsync();
        var clerk = await Portal.ClerkAsync();

        var page = await clerk.GetPageAsync(BackOfficePaths.Case(request.TrackingNumber!));
        var booking = await clerk.GetPageAsync(page.Document.QuerySelector("#book-appointment")!.GetAttribute("href")!);
        var booked = await clerk.SubmitFormAsync(booking, "#book", new Dictionary<string, string> { ["creneau"] = booking.Document.QuerySelector("#book input[name=creneau]")!.GetAttribute("value")! });

        var appointment = Assert.Single(await Portal.AppointmentsOfAsync(request.Id));
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        Assert.True(appointment.AtCounter);
        Assert.Contains(await Portal.SmsToAsync(user.PhoneNumber!), s => s.Contains($"Code {appointment.Code}", StringComparison.Ordinal));
        Assert.Contains(appointment.Code, (await clerk.GetPageAsync(BackOfficePaths.Case(request.TrackingNumber!))).Texts("#appointment .code"));
    }

    [Fact]
    public async Task ANationalityCertificate_OpensBookingOnlyOnceAClerkInvites()
    {
        var (user, applicant, request) = await Portal.ApplicantAsync(AppointmentWorld.Nationality);
        var clerk = await Portal.ClerkAsync("MJ");

        var before = await applicant.GetPageAsync(AppointmentPaths.Booking(request.TrackingNumber!));
        var casePage = await clerk.GetPageAsync(BackOfficePaths.Case(request.TrackingNumber!));
        var invited = await clerk.SubmitFormAsync(casePage, "#invite");
        var after = await applicant.GetPageAsync(AppointmentPaths.Booking(request.TrackingNumber!));

        Assert.NotNull(before.Document.QuerySelector("#not-yet"));
        Assert.Null(before.Document.QuerySelector("#book"));
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        Assert.NotNull(after.Document.QuerySelector("#book"));
        Assert.Contains(AppointmentsSeeder.NationalityDesk, after.MainText);
        Assert.Contains(await Portal.SmsToAsync(user.PhoneNumber!), s => s.Contains("prete pour le passage au guichet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASupervisor_AddsAPlaceWithItsHolidays_AndItIsOfferedWithoutThem()
    {
        var supervisor = await Portal.ClerkAsync(role: Web.Domain.Accounts.Roles.Supervisor);
        var agent = await Portal.ClerkAsync();
        var holiday = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime).AddDays(10);
        while (holiday.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            holiday = holiday.AddDays(1);
        }
        var name = "Centre d'essai " + Guid.NewGuid().ToString("N")[..6];

        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync(AppointmentPaths.NewPlace)).StatusCode);
        var form = await supervisor.GetPageAsync(AppointmentPaths.NewPlace);
        var bad = await supervisor.SubmitFormAsync(form, "#place", new Dictionary<string, string> { ["Nom"] = name, ["Adresse"] = "Sokodé", ["Fermetures"] = "le 25 décembre" });
        var badPage = new Html.Page(bad, await Html.ParseAsync(bad));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("le 25 décembre", badPage.Document.QuerySelector("#Fermetures")!.TextContent.Trim());
        Assert.Contains("Une fermeture par ligne", badPage.MainText);

        var saved = await supervisor.SubmitFormAsync(badPage, "#place", new Dictionary<string, string> { ["Fermetures"] = $"{holiday:yyyy-MM-dd} Fête locale" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var placeId = await Portal.WithDbAsync(db => db.Places.Where(p => p.Name == name).Select(p => p.Id).SingleAsync());

        var step = await supervisor.GetPageAsync(AppointmentPaths.Step("carte-nationale-identite"));
        var values = step.Document.QuerySelectorAll("#step input[name=Lieux]:checked").Select(i => i.GetAttribute("value")!).Append(placeId.ToString()).ToList();
        var content = step.Document.QuerySelectorAll("#step input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value")!))
            .Concat([new("Ouverture", "AfterPayment"), new("Minutes", "10"), new("Personnes", "4"), new("Delai", "24"), new("Apporter", "")])
            .Concat(values.Select(v => new KeyValuePair<string, string>("Lieux", v)));
        var stepSaved = await supervisor.PostAsync(AppointmentPaths.Step("carte-nationale-identite"), new FormUrlEncodedContent(content));
        Assert.Equal(HttpStatusCode.Redirect, stepSaved.StatusCode);

        var days = (await Portal.FreeSlotsAsync("carte-nationale-identite", name)).Select(s => DateOnly.FromDateTime(s.StartsAt.UtcDateTime)).Distinct().ToList();
        Assert.NotEmpty(days);
        Assert.DoesNotContain(holiday, days);
        Assert.Contains(holiday.AddDays(holiday.DayOfWeek == DayOfWeek.Friday ? 3 : 1), days);
    }

    [Fact]
    public async Task TheSupervisionRoom_ShowsNoShowsPerOffice()
    {
        var (_, _, request) = await Portal.ApplicantAsync();
        var slot = (await Portal.FreeSlotsAsync())[0];
        var appointment = await Portal.BookAsync(request, slot.Id);
        // Its hour is past: the clerk marks the applicant absent.
        fixture.Clock.Advance(slot.StartsAt.AddMinutes(20) - fixture.Clock.GetUtcNow());
        var clerk = await Portal.ClerkAsync();
        var day = await clerk.GetPageAsync(AppointmentPaths.DayOf((await Portal.SlotAsync(slot.Id)).PlaceId, DateOnly.FromDateTime(slot.StartsAt.UtcDateTime)));
        await clerk.SubmitFormAsync(day, $"#rdv-{appointment.Id} form:has(input[value=absent])");
        var supervisor = await Portal.ClerkAsync(role: Web.Domain.Accounts.Roles.Supervisor);

        var room = await supervisor.GetPageAsync("/supervision");
        var row = room.Texts("#no-shows tbody tr").Single(r => r.StartsWith("Direction générale de la documentation nationale", StringComparison.Ordinal));

        Assert.Equal(AppointmentStatus.Absent, (await Portal.AppointmentsOfAsync(request.Id)).Single().Status);
        Assert.Matches(@"\d+ %$", row);
    }
}
