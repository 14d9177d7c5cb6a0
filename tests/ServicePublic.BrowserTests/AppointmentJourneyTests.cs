using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Appointments;
using ServicePublic.Web.Features.Appointments;

namespace ServicePublic.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class AppointmentJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Citizen_PaysAPassportRequest_BooksTheBiometrics_MovesIt_AndTheClerkMarksThemPresent()
    {
        var user = await browser.Portal.CreateAsync(phone: TestAccounts.NewPhone());
        var request = await browser.Portal.FileAsync(user, "passeport-ordinaire", feeDue: true);
        var page = await browser.NewPhonePageAsync();
        await page.GotoAsync("/compte/connexion?returnUrl=" + Uri.EscapeDataString($"/demandes/{request.TrackingNumber}"));
        await page.GetByLabel("Adresse e-mail").FillAsync(user.Email!);
        await page.GetByLabel("Mot de passe").FillAsync(TestAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();

        // Before the fee is paid, the request says when booking opens.
        await Assertions.Expect(page.Locator("#rendez-vous")).ToContainTextAsync("dès que le paiement des frais sera confirmé");
        await page.GetByRole(AriaRole.Link, new() { Name = "Payer en ligne" }).ClickAsync();
        await page.GetByLabel("T-Money (Togocel)").CheckAsync();
        await page.GetByLabel("Numéro de téléphone du compte mobile money").FillAsync("90 12 34 56");
        await page.GetByRole(AriaRole.Button, new() { Name = "Payer 30 000 FCFA" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Approuver le paiement" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Paiement reçu : 30 000 FCFA.");

        // Booking: the nearest day is chosen already. A day at least two days away is taken, so that
        // it can still be moved online (until 24 hours before); then the first time of that day.
        await page.GotoAsync($"/demandes/{request.TrackingNumber}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Prendre rendez-vous" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Prendre rendez-vous");
        await PageChecks.AssertFitsThePhoneAsync(page);
        await PageChecks.AssertAccessibleAsync(page);
        var days = await page.Locator("#jour option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        Assert.Equal(days.Order(), days);
        var later = days.Skip(1).Select(DateOnly.Parse).First(d => d > DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2));
        await page.Locator("#jour").SelectOptionAsync(later.ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir les horaires" }).ClickAsync();
        await page.Locator("#book .choice label").First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer ce rendez-vous" }).ClickAsync();
        await Assertions.Expect(page.Locator("main .notice").First).ToContainTextAsync("Votre rendez-vous est enregistré.");
        var first = await Booked(request.Id);
        await Assertions.Expect(page.Locator("#appointment .code")).ToHaveTextAsync(first.Code);
        await PageChecks.AssertFitsThePhoneAsync(page);

        // Moving it to the next day with room: choose the day, see its times, take the first.
        await page.GetByRole(AriaRole.Link, new() { Name = "Déplacer le rendez-vous" }).ClickAsync();
        await Assertions.Expect(page.Locator("#current-appointment")).ToContainTextAsync("Rendez-vous actuel");
        var nextDay = later.AddDays(1).DayOfWeek == DayOfWeek.Sunday ? later.AddDays(2).ToString("yyyy-MM-dd") : later.AddDays(1).ToString("yyyy-MM-dd");
        await page.Locator("#jour").SelectOptionAsync(nextDay);
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir les horaires" }).ClickAsync();
        await page.Locator("#book .choice label").First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Déplacer le rendez-vous à cette heure" }).ClickAsync();
        var moved = await Booked(request.Id);
        Assert.NotEqual(first.Id, moved.Id);
        Assert.Equal(DateOnly.Parse(nextDay), DateOnly.FromDateTime(moved.StartsAt.UtcDateTime));
        await Assertions.Expect(page.Locator("#appointment .code")).ToHaveTextAsync(moved.Code);
        Assert.Contains(await browser.Portal.WithDbAsync(db => db.OutboxMessages.Where(m => m.Recipient == user.PhoneNumber).Select(m => m.Body).ToListAsync()),
            sms => sms.Contains($"Code {moved.Code}", StringComparison.Ordinal));

        // The day of the appointment, at the counter: the clerk finds the code and marks them present.
        var clerk = await browser.Portal.CreateAsync(roles: [Roles.Agent], twoFactor: true, ministryCode: "MSPC");
        var placeId = await browser.Portal.WithDbAsync(db => db.AppointmentSlots.Where(s => s.Id == moved.SlotId).Select(s => s.PlaceId).SingleAsync());
        var counter = await browser.SignedInAsync(clerk, AppointmentPaths.DayOf(placeId, DateOnly.FromDateTime(moved.StartsAt.UtcDateTime)));
        var row = counter.Locator($"#rdv-{moved.Id}");
        await Assertions.Expect(row).ToContainTextAsync(moved.Code);
        await Assertions.Expect(row).ToContainTextAsync(request.TrackingNumber!);
        await PageChecks.AssertAccessibleAsync(counter);
        await PageChecks.AssertFitsThePhoneAsync(counter);
        await row.GetByRole(AriaRole.Button, new() { Name = $"Présent — {moved.Code}" }).ClickAsync();
        await Assertions.Expect(counter.Locator($"#rdv-{moved.Id}")).ToContainTextAsync("Présent");
        Assert.Equal(AppointmentStatus.Present, (await Booked(request.Id)).Status);
    }

    private Task<Appointment> Booked(Guid requestId) =>
        browser.Portal.WithDbAsync(db => db.Appointments.AsNoTracking()
            .SingleAsync(a => a.RequestId == requestId && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.Present)));
}
