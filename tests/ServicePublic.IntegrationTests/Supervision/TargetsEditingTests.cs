using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Data;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Domain.Supervision;
using ServicePublic.Web.Features.Supervision;

namespace ServicePublic.IntegrationTests.Supervision;

/// <summary>Supervisors edit their ministry's indicators and procedures' target delays through the pages' forms: checked, audited, applied.</summary>
public sealed class TargetsEditingTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string ResidenceCertificate = "certificat-de-residence"; // MATDCL, no published delay
    private const string MarriageCertificate = "copie-acte-de-mariage"; // MATDCL, no published delay
    private const string BirthDeclaration = "declaration-de-naissance"; // MATDCL, published: 7 days
    private const string OutOfRange = "Le délai cible doit être compris entre 1 et 365 jours.";

    private PortalFactory Portal => portal.Factory;

    [Fact]
    public async Task ASupervisor_ChangesBaselineAndTargets_WithADecimalComma_AndTheChangeIsAudited()
    {
        var f = new TargetsFixtures(Portal);
        var indicator = (await f.ProgrammeAsync("MDERM", "E1", new IndicatorSpec(IndicatorKind.DecidedWithinTarget, null, 40, 60))).Single();
        var (supervisor, user) = await f.StaffAsync(Roles.Supervisor, "MDERM");

        var form = await supervisor.GetPageAsync(SupervisionPaths.TargetIndicator(indicator.Id));
        var saved = await supervisor.SubmitFormAsync(form, "form#indicator-form", new Dictionary<string, string>
        {
            ["BaselineYear"] = "2024", ["Baseline"] = "42,5", ["Targets[2026]"] = "85,5", ["Targets[2027]"] = " 90 ", ["Targets[2028]"] = "100",
        });
        var page = await supervisor.GetPageAsync(saved.Headers.Location!.OriginalString);

        Assert.Equal(["2025", "40", "60", "60", "60"], Values(form));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/supervision/objectifs?ministere=MDERM#indicateur-{indicator.Id}", saved.Headers.Location!.OriginalString);
        Assert.Equal(["Base et cibles enregistrées."], page.Texts("p.notice"));
        Assert.Equal(["85,5 %"], page.Texts($"#indicateur-{indicator.Id} .target"));
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.Indicators.SingleAsync(i => i.Id == indicator.Id);
        Assert.Equal((2024, 42.5m), (stored.BaselineYear, stored.Baseline));
        Assert.Equal([85.5m, 90m, 100m], IndicatorRules.TargetYears.Select(y => stored.TargetFor(y)!.Value));
        Assert.Equal(user.Id, stored.UpdatedById);
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == "indicator.updated" && a.SubjectId == indicator.Id.ToString());
        Assert.Equal(user.Id, entry.ActorId);
        Assert.Equal("MDERM E1 DecidedWithinTarget: base 2025 = 40; 2026 = 60; 2027 = 60; 2028 = 60 → base 2024 = 42.5; 2026 = 85.5; 2027 = 90; 2028 = 100", entry.Details);
    }

    [Theory]
    [InlineData(IndicatorKind.ApprovalRate, "Baseline", "-5", "base", "La valeur ne peut pas être négative.")]
    [InlineData(IndicatorKind.ApprovalRate, "Targets[2026]", "100,5", "cible-2026", "Un pourcentage ne peut pas dépasser 100.")]
    [InlineData(IndicatorKind.ApprovalRate, "Targets[2027]", "", "cible-2027", "Saisissez une valeur.")]
    [InlineData(IndicatorKind.ApprovalRate, "Targets[2028]", "beaucoup", "cible-2028", "Saisissez un nombre, par exemple 45 ou 85,5.")]
    [InlineData(IndicatorKind.ApprovalRate, "Targets[2026]", "85,555", "cible-2026", "Saisissez au plus deux chiffres après la virgule.")]
    [InlineData(IndicatorKind.ApprovalRate, "BaselineYear", "1999", "annee-base", "Saisissez une année de référence entre 2000 et 2028.")]
    [InlineData(IndicatorKind.P90Days, "Targets[2027]", "3651", "cible-2027", "Un délai ne peut pas dépasser 3650 jours.")]
    [InlineData(IndicatorKind.P90Days, "Baseline", "12,5", "base", "Saisissez un nombre entier.")]
    [InlineData(IndicatorKind.FiledOnline, "Targets[2026]", "-1", "cible-2026", "La valeur ne peut pas être négative.")]
    public async Task AValueOutOfRange_GetsAFrenchMessageNextToItsField_KeepsWhatWasTyped_AndSavesNothing(IndicatorKind kind, string field, string typed, string id, string message)
    {
        var f = new TargetsFixtures(Portal);
        var indicator = (await f.ProgrammeAsync("MDERM", "V" + Guid.NewGuid().ToString("N")[..8], new IndicatorSpec(kind, null, 40, 60))).Single();
        var (supervisor, _) = await f.StaffAsync(Roles.Supervisor, "MDERM");
        var values = new Dictionary<string, string>
        {
            ["BaselineYear"] = "2024", ["Baseline"] = "45", ["Targets[2026]"] = "61", ["Targets[2027]"] = "70", ["Targets[2028]"] = "80",
            [field] = typed,
        };

        var form = await supervisor.GetPageAsync(SupervisionPaths.TargetIndicator(indicator.Id));
        var response = await supervisor.SubmitFormAsync(form, "form#indicator-form", values);
        var again = new Html.Page(response, await Html.ParseAsync(response));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([message], again.Texts($"#{id}-erreur"));
        Assert.Single(again.Texts(".field-error"), t => t.Length > 0);
        Assert.Equal("true", again.Document.QuerySelector($"input#{id}")!.GetAttribute("aria-invalid"));
        Assert.Equal(new[] { "BaselineYear", "Baseline", "Targets[2026]", "Targets[2027]", "Targets[2028]" }.Select(k => values[k]), Values(again));
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.Indicators.SingleAsync(i => i.Id == indicator.Id);
        Assert.Equal((2025, 40m, 60m), (stored.BaselineYear, stored.Baseline, stored.TargetFor(2026)));
        Assert.Equal("seed", stored.UpdatedById);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "indicator.updated" && a.SubjectId == indicator.Id.ToString()));
    }

    [Fact]
    public async Task ASupervisor_SetsTheDelayOfAProcedureThatPublishesNone_AndARequestFiledAfterIsDueThatManyDaysAfterItsClockStarts()
    {
        var f = new TargetsFixtures(Portal);
        var (supervisor, user) = await f.StaffAsync(Roles.Supervisor, "MATDCL");
        var citizen = Portal.NewVisitor();
        await citizen.SignInAsync((await Portal.CreateAsync()).Email!);
        var before = await FileResidenceCertificateAsync(citizen);

        var page = await supervisor.GetPageAsync(SupervisionPaths.Targets);
        var saved = await supervisor.SubmitFormAsync(page, $"#delays-to-set #delai-{ResidenceCertificate} form", new Dictionary<string, string> { ["jours"] = "12" });
        var after = await FileResidenceCertificateAsync(citizen);
        var shown = await supervisor.GetPageAsync(saved.Headers.Location!.OriginalString);

        Assert.Equal(["délai publié : 7 jours"], page.Texts($"#delays-published #delai-{BirthDeclaration} .published"));
        Assert.Null(page.Document.QuerySelector($"#delai-{BirthDeclaration} form"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/supervision/objectifs?ministere=MATDCL#delai-{ResidenceCertificate}", saved.Headers.Location!.OriginalString);
        Assert.Equal("12", shown.Document.QuerySelector($"input#jours-{ResidenceCertificate}")!.GetAttribute("value"));
        Assert.Null(before.DueAt);
        Assert.NotNull(after.SubmittedAt);
        Assert.Equal(after.SubmittedAt!.Value.AddDays(12), after.DueAt);
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(12, await db.Procedures.Where(p => p.Slug == ResidenceCertificate).Select(p => p.TargetDelayDays).SingleAsync());
        Assert.Null(await db.Requests.Where(r => r.Id == before.Id).Select(r => r.DueAt).SingleAsync());
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == "procedure.target-set" && a.SubjectId == ResidenceCertificate);
        Assert.Equal((user.Id, "MATDCL: - → 12 j"), (entry.ActorId, entry.Details));
    }

    [Theory]
    [InlineData("0", OutOfRange)]
    [InlineData("366", OutOfRange)]
    [InlineData("-3", OutOfRange)]
    [InlineData("abc", "Saisissez un nombre entier de jours, par exemple 30.")]
    [InlineData("", "Saisissez un nombre entier de jours, par exemple 30.")]
    public async Task ADelayOutOfRange_IsRefusedWithAFrenchMessage_AndNothingIsSaved(string typed, string message)
    {
        var (supervisor, _) = await new TargetsFixtures(Portal).StaffAsync(Roles.Supervisor, "MATDCL");

        var page = await supervisor.GetPageAsync(SupervisionPaths.Targets);
        var response = await supervisor.SubmitFormAsync(page, $"#delai-{MarriageCertificate} form", new Dictionary<string, string> { ["jours"] = typed });
        var again = new Html.Page(response, await Html.ParseAsync(response));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([message], again.Texts($"#jours-{MarriageCertificate}-erreur"));
        Assert.Equal(typed, again.Document.QuerySelector($"input#jours-{MarriageCertificate}")!.GetAttribute("value") ?? "");
        Assert.Single(again.Texts(".field-error"), t => t.Length > 0);
        await AssertUnchangedAsync(MarriageCertificate);
    }

    [Fact]
    public async Task APublishedDelay_CannotBeChanged_EvenByAFormNoPageOffers()
    {
        var (supervisor, _) = await new TargetsFixtures(Portal).StaffAsync(Roles.Supervisor, "MATDCL");
        var token = await TargetsFixtures.TokenAsync(supervisor);

        var response = await supervisor.PostAsync(SupervisionPaths.TargetDelay(BirthDeclaration), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["jours"] = "30",
        }));
        var again = new Html.Page(response, await Html.ParseAsync(response));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Le délai de cette démarche est publié : il ne se modifie pas ici."], again.Texts($"#jours-{BirthDeclaration}-erreur"));
        await AssertUnchangedAsync(BirthDeclaration);
    }

    /// <summary>The indicator form's five inputs, as the page fills them.</summary>
    private static IEnumerable<string> Values(Html.Page page) =>
        new[] { "annee-base", "base", "cible-2026", "cible-2027", "cible-2028" }
            .Select(id => page.Document.QuerySelector($"input#{id}")!.GetAttribute("value") ?? "");

    private async Task AssertUnchangedAsync(string slug)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Null(await db.Procedures.Where(p => p.Slug == slug).Select(p => p.TargetDelayDays).SingleAsync());
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "procedure.target-set" && a.SubjectId == slug));
    }

    /// <summary>Files a residence certificate through the portal's own pages (its clock starts at filing: no fee is due then).</summary>
    private async Task<Request> FileResidenceCertificateAsync(HttpClient citizen)
    {
        var start = await citizen.GetPageAsync($"/demarches/{ResidenceCertificate}/demarrer");
        var created = await citizen.SubmitFormAsync(start, "form#start", new Dictionary<string, string> { ["pour"] = "moi" });
        var draft = await citizen.GetPageAsync(created.Headers.Location!.OriginalString);
        var submitted = await citizen.SubmitMultipartAsync(draft, "form#draft", new Dictionary<string, string>
        {
            ["adresse-residence"] = "Bè Kpota, Lomé",
            ["residence-depuis"] = "2020-01-15",
            ["attestation"] = "oui",
            ["action"] = "submit",
        }, [new Multipart.Upload("file-piece-piece-d-identite-du-demandeur", "cni.pdf", Multipart.SmallPdf)]);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var trackingNumber = submitted.Headers.Location!.OriginalString.Split('/').Last();
        await using var scope = Portal.Services.CreateAsyncScope();
        var request = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Requests.AsNoTracking().SingleAsync(r => r.TrackingNumber == trackingNumber);
        Assert.Equal(RequestStatus.Submitted, request.Status);
        return request;
    }
}
