using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePublic.TestSupport;
using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Catalogue;
using ServicePublic.Web.Domain.Edition;
using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Features.Edition;
using static ServicePublic.IntegrationTests.Edition.BuilderWorld;

namespace ServicePublic.IntegrationTests.Edition;

/// <summary>
/// The procedure builder through its pages: editors write, a different publisher publishes, the
/// catalogue and the applicants' drafts follow. A database of its own: the procedures made here
/// would change the catalogue's counts other tests assert.
/// </summary>
public sealed class ProcedureBuilderTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => portal.Factory;

    private BuilderWorld World => new(Portal);

    [Fact]
    public async Task AnEditorBuildsAProcedure_ADifferentPublisherPublishesIt_AndTheCatalogueFindsIt()
    {
        var (editor, editorUser) = await World.EditorAsync();
        var (publisher, publisherUser) = await World.PublisherAsync();
        var slug = await CreateAsync(editor, "Autorisation de sondage géotechnique");
        await SheetAsync(editor, slug);
        AssertSaved(await SaveAsync(editor, EditionPaths.Documents(slug), "form#documents", new() { ["Rows[0].Name"] = "Plan de situation" }));
        var surface = await AddFieldAsync(editor, slug, "Number", "Superficie demandée");
        await EditFieldAsync(editor, slug, surface, new() { ["Unit"] = "km²", ["Min"] = "1", ["Required"] = "true" });
        AssertSaved(await SaveAsync(editor, EditionPaths.Fees(slug), "form#fees", new()
        {
            ["Rows[0].Label"] = "Redevance superficiaire", ["Rows[0].Kind"] = "PerUnit", ["Rows[0].Amount"] = "75000",
            ["Rows[0].Unit"] = "km²", ["Rows[0].QuantityField"] = surface,
        }));
        var overview = await editor.GetPageAsync(EditionPaths.Procedure(slug));
        var review = await publisher.GetPageAsync(EditionPaths.Publication(slug));

        var published = await PublishAsync(publisher, slug);
        var search = await Portal.NewVisitor().GetPageAsync("/demarches?q=sondage+geotechnique");
        var page = await Portal.NewVisitor().GetPageAsync("/demarches/" + slug);

        Assert.Equal("autorisation-de-sondage-geotechnique", slug);
        Assert.NotNull(overview.Document.QuerySelector("#checks-ok"));
        Assert.Contains("Première publication de la démarche", review.MainText);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Contains("Autorisation de sondage géotechnique", search.MainText);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Plan de situation", page.MainText);
        var version = await World.DbAsync(db => db.ProcedureVersions.SingleAsync(v => v.Procedure.Slug == slug));
        Assert.Equal((1, true, 30), (version.Number, version.IsCurrent, version.ProcessingTime.MaxDays));
        Assert.Equal(["superficie-demandee", "pieces-justificatives", "piece-plan-de-situation", "attestation"], version.Form.Select(f => f.Key));
        Assert.Equal(("superficie-demandee", 75000L), (version.Fees.Single().QuantityField, version.Fees.Single().Amount!.Value));
        Assert.False(await World.DbAsync(db => db.ProcedureDrafts.AnyAsync(d => d.Procedure.Slug == slug)));
        var audit = await World.DbAsync(db => db.AuditEntries.Where(a => a.SubjectId == slug).OrderBy(a => a.Id).Select(a => new { a.Action, a.ActorId }).ToListAsync());
        Assert.Equal(("procedure.created", editorUser.Id), (audit[0].Action, audit[0].ActorId));
        Assert.Contains(audit, a => a.Action == "procedure.draft-saved" && a.ActorId == editorUser.Id);
        Assert.Equal(("procedure.published", publisherUser.Id), (audit[^1].Action, audit[^1].ActorId));
    }

    [Fact]
    public async Task APublisher_CannotPublishTheirOwnEdit_AndIsToldWhy()
    {
        var (both, _) = await World.SignedInAsync([Roles.Editor, Roles.Publisher]);
        var slug = await CreateAsync(both, "Visa de transport de explosifs");
        await SheetAsync(both, slug);

        var review = await both.GetPageAsync(EditionPaths.Publication(slug));
        var forced = await both.PostAsync(EditionPaths.Publication(slug), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = review.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["action"] = "publier", ["token"] = await World.DbAsync(db => db.ProcedureDrafts.Where(d => d.Procedure.Slug == slug).Select(d => d.Version).SingleAsync()) is var t ? t.ToString() : "",
        }));
        var again = new Html.Page(forced, await Html.ParseAsync(forced));

        Assert.Equal([ProcedureDraft.OwnEditMessage], review.Texts("#refusal"));
        Assert.Null(review.Document.QuerySelector("form#publish"));
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Contains(ProcedureDraft.OwnEditMessage, again.MainText);
        Assert.False(await World.DbAsync(db => db.ProcedureVersions.AnyAsync(v => v.Procedure.Slug == slug)));
    }

    [Theory]
    [InlineData("/edition/demarches/{0}")]
    [InlineData("/edition/demarches/{0}/fiche")]
    [InlineData("/edition/demarches/{0}/formulaire")]
    [InlineData("/edition/demarches/{0}/publication")]
    [InlineData("/edition/demarches/{0}/apercu")]
    [InlineData("/edition/demarches/{0}/export.json")]
    public async Task AnotherMinistrysProcedure_AnswersNotFound(string path)
    {
        var (editor, _) = await World.EditorAsync();

        var response = await editor.GetAsync(string.Format(path, "bulletin-casier-judiciaire-n3")); // MJ

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AnotherMinistrysProcedure_CannotBeChangedByAPost()
    {
        var (editor, _) = await World.EditorAsync();
        var own = await editor.GetPageAsync(EditionPaths.Sheet("permis-recherche-miniere"));
        var token = own.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await editor.PostAsync(EditionPaths.Sheet("bulletin-casier-judiciaire-n3"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Token"] = "0", ["Title"] = "Détourné",
        }));

        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(await World.DbAsync(db => db.ProcedureDrafts.AnyAsync(d => d.Procedure.Slug == "bulletin-casier-judiciaire-n3")));
    }

    [Fact]
    public async Task Rights_ACitizenOrAClerkIsRefused_APublisherCannotEdit_AnEditorCannotPublish()
    {
        var (citizen, _) = (Portal.NewVisitor(), await Portal.CreateAsync());
        await citizen.SignInAsync((await World.DbAsync(db => db.Users.OrderByDescending(u => u.CreatedAt).Select(u => u.Email).FirstAsync()))!);
        var (clerk, _) = await World.SignedInAsync([Roles.Agent]);
        var (publisher, _) = await World.PublisherAsync();
        var (editor, _) = await World.EditorAsync();
        var sheet = await editor.GetPageAsync(EditionPaths.Sheet("permis-recherche-miniere"));
        var token = sheet.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var byCitizen = await citizen.GetAsync(EditionPaths.Procedures);
        var byClerk = await clerk.GetAsync(EditionPaths.Procedures);
        var publisherEdits = await publisher.GetAsync(EditionPaths.Sheet("permis-recherche-miniere"));
        var editorPublishes = await editor.PostAsync(EditionPaths.Publication("permis-recherche-miniere"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["action"] = "publier", ["token"] = "0",
        }));

        // Refused: sent to the "access refused" page, which answers 403.
        Assert.All([byCitizen, byClerk, publisherEdits, editorPublishes], r => Assert.StartsWith("/compte/acces-refuse", TargetsFixturesWhere(r)));
        Assert.Equal(HttpStatusCode.OK, (await publisher.GetAsync(EditionPaths.Procedures)).StatusCode);
    }

    [Fact]
    public async Task AnInvalidDefinition_IsNotPublished_AndEachProblemIsListedNextToItsField()
    {
        var (editor, _) = await World.EditorAsync();
        var (publisher, _) = await World.PublisherAsync();
        var slug = await CreateAsync(editor, "Agrément de laboratoire minier");
        var choice = await AddFieldAsync(editor, slug, "SingleChoice", "Type de laboratoire");
        await EditFieldAsync(editor, slug, choice, new() { ["Options"] = "Chimie" });

        var field = await editor.GetPageAsync(EditionPaths.Field(slug, choice));
        var review = await publisher.GetPageAsync(EditionPaths.Publication(slug));
        var problems = review.Document.QuerySelectorAll("#problems li").Select(li => li.GetAttribute("data-where")).ToList();

        Assert.Single(field.Texts("#field-problems li"));
        Assert.Contains("field:" + choice, problems);
        Assert.Contains("processingTime", problems);
        Assert.Null(review.Document.QuerySelector("form#publish"));
        Assert.False(await World.DbAsync(db => db.ProcedureVersions.AnyAsync(v => v.Procedure.Slug == slug)));
    }

    [Fact]
    public async Task Import_OfAFileThatIsNotJson_IsRefusedWithItsLine_AndNothingIsSaved()
    {
        var (editor, _) = await World.EditorAsync();
        var before = await World.DbAsync(db => db.Procedures.CountAsync());

        var response = await SaveAsync(editor, EditionPaths.Import, "form#import", new() { ["json"] = "{\n  \"slug\": \"x\",\n  oups\n}" });
        var page = new Html.Page(response, await Html.ParseAsync(response));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ligne 3", page.Texts("#import-problem p").Single());
        Assert.Equal(before, await World.DbAsync(db => db.Procedures.CountAsync()));
    }

    [Fact]
    public async Task Import_OfJsonThatIsNotTheSchema_IsRefusedWithTheMemberAndItsLine_OrEachProblem()
    {
        var (editor, _) = await World.EditorAsync();
        var export = await (await editor.GetAsync(EditionPaths.Export("permis-recherche-miniere"))).Content.ReadAsStringAsync();
        var before = await World.DbAsync(db => db.Procedures.CountAsync());

        var unknown = await SaveAsync(editor, EditionPaths.Import, "form#import", new() { ["json"] = export.Replace("\"slug\": \"permis-recherche-miniere\"", "\"slug\": \"copie-x\",\n  \"couleur\": \"bleu\"") });
        var otherMinistry = await SaveAsync(editor, EditionPaths.Import, "form#import", new() { ["json"] = export.Replace("\"ministry\": \"MDERM\"", "\"ministry\": \"MJ\"") });
        var brokenForm = await SaveAsync(editor, EditionPaths.Import, "form#import", new() { ["json"] = export.Replace("\"slug\": \"permis-recherche-miniere\"", "\"slug\": \"copie-y\"").Replace("\"key\": \"attestation\"", "\"key\": \"Attestation !\"") });

        Assert.Matches("^Ligne 3 : « \\$\\.couleur »", (await Html.ParseAsync(unknown)).QuerySelector("#import-problem p")!.TextContent);
        Assert.Contains("autre ministère", (await Html.ParseAsync(otherMinistry)).QuerySelector("#import-problem p")!.TextContent);
        Assert.NotEmpty((await Html.ParseAsync(brokenForm)).QuerySelectorAll("#import-problem li"));
        Assert.Equal(before, await World.DbAsync(db => db.Procedures.CountAsync()));
    }

    [Fact]
    public async Task ImportThenExport_GivesTheSameJson()
    {
        var (editor, _) = await World.EditorAsync();
        var export = await (await editor.GetAsync(EditionPaths.Export("permis-exploitation-miniere-petite-echelle"))).Content.ReadAsStringAsync();
        var copy = export.Replace("\"slug\": \"permis-exploitation-miniere-petite-echelle\"", "\"slug\": \"permis-exploitation-miniere-petite-echelle-importe\"");

        var imported = await SaveAsync(editor, EditionPaths.Import, "form#import", new() { ["json"] = copy });
        var again = await (await editor.GetAsync(EditionPaths.Export("permis-exploitation-miniere-petite-echelle-importe"))).Content.ReadAsStringAsync();

        AssertSaved(imported);
        Assert.NotEqual(export, copy);
        Assert.Equal(copy, again);
        Assert.Equal(ProcedureStatus.Unpublished, await World.DbAsync(db => db.Procedures.Where(p => p.Slug == "permis-exploitation-miniere-petite-echelle-importe").Select(p => p.Status).SingleAsync()));
    }

    [Fact]
    public async Task TwoEditorsSavingTheSameDraft_TheSecondIsTold_SeesWhatTheyTyped_AndCanSaveOverIt()
    {
        var (first, _) = await World.EditorAsync();
        var (second, _) = await World.EditorAsync();
        var slug = await CreateAsync(first, "Autorisation de dépôt de stériles");
        var pageOfFirst = await first.GetPageAsync(EditionPaths.Sheet(slug));
        var pageOfSecond = await second.GetPageAsync(EditionPaths.Sheet(slug));

        AssertSaved(await first.SubmitFormAsync(pageOfFirst, "form#sheet", new Dictionary<string, string> { ["Summary"] = "Version du premier." }));
        var refused = await second.SubmitFormAsync(pageOfSecond, "form#sheet", new Dictionary<string, string> { ["Summary"] = "Version du second." });
        var conflict = new Html.Page(refused, await Html.ParseAsync(refused));
        var savedOver = await second.SubmitFormAsync(conflict, "form#sheet");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Afi Mensah a enregistré ce brouillon", conflict.Texts("#conflict p").First());
        Assert.Equal("Version du second.", conflict.Document.QuerySelector("#Summary")!.TextContent);
        AssertSaved(savedOver);
        var draft = await World.DbAsync(db => db.ProcedureDrafts.SingleAsync(d => d.Procedure.Slug == slug));
        Assert.Equal("Version du second.", Definitions.Read(draft.Definition).Summary);
    }

    [Fact]
    public async Task Publishing_KeepsFiledRequestsOnTheirVersion_AndMovesAThousandDrafts_WithEveryAnswerThatStillFits()
    {
        var (editor, _) = await World.EditorAsync();
        var (publisher, _) = await World.PublisherAsync();
        var slug = await CreateAsync(editor, "Autorisation de stockage de produits pétroliers");
        await SheetAsync(editor, slug);
        var depot = await AddFieldAsync(editor, slug, "ShortText", "Nom du dépôt");
        var capacity = await AddFieldAsync(editor, slug, "Number", "Capacité en m³");
        var old = await AddFieldAsync(editor, slug, "ShortText", "Ancienne référence");
        AssertSaved(await PublishAsync(publisher, slug));
        // Published, the draft is gone: the export reads the version, rule included.
        var export = await (await editor.GetAsync(EditionPaths.Export(slug))).Content.ReadAsStringAsync();
        var applicant = await Portal.CreateAsync();
        var v1 = await World.DbAsync(db => db.ProcedureVersions.Where(v => v.Procedure.Slug == slug).Select(v => v.Id).SingleAsync());
        var filed = await Portal.FileAsync(applicant, slug);
        await World.DbAsync(async db =>
        {
            for (var i = 0; i < 1000; i++)
            {
                var draft = Request.StartDraft(v1, applicant.Id, null, DateTimeOffset.UtcNow);
                draft.SaveAnswers(new Dictionary<string, string?> { [depot] = $"Dépôt {i}", [capacity] = "1200", [old] = "REF-1" }, DateTimeOffset.UtcNow);
                db.Requests.Add(draft);
            }
            return await db.SaveChangesAsync();
        });
        // The second version: the capacity becomes a text, the old reference goes, a question comes.
        await EditFieldAsync(editor, slug, capacity, new() { ["Type"] = "ShortText" });
        AssertSaved(await SaveAsync(editor, EditionPaths.Form(slug), $"#champ-{old} form:has(button[value=retirer])", new(), "action", "retirer"));
        await AddFieldAsync(editor, slug, "Date", "Date de mise en service");

        var review = await publisher.GetPageAsync(EditionPaths.Publication(slug));
        AssertSaved(await PublishAsync(publisher, slug));

        Assert.Contains("1000 brouillon(s)", review.Texts("#drafts-to-move").Single());
        var v2 = await World.DbAsync(db => db.ProcedureVersions.Where(v => v.Procedure.Slug == slug && v.IsCurrent).Select(v => v.Id).SingleAsync());
        var requests = await World.DbAsync(db => db.Requests.AsNoTracking().Where(r => r.ApplicantId == applicant.Id).ToListAsync());
        Assert.Equal(v1, requests.Single(r => r.Id == filed.Id).ProcedureVersionId);
        var drafts = requests.Where(r => r.Status == RequestStatus.Draft).ToList();
        Assert.Equal(1000, drafts.Count);
        Assert.All(drafts, d => Assert.Equal((v2, v1), (d.ProcedureVersionId, d.MovedFromVersionId!.Value)));
        Assert.All(drafts, d => Assert.StartsWith("Dépôt ", d.Answers[depot]));
        Assert.All(drafts, d => Assert.False(d.Answers.ContainsKey(capacity)));
        Assert.All(drafts, d => Assert.Equal("REF-1", d.Answers[old]));
        var client = Portal.NewVisitor();
        await client.SignInAsync(applicant.Email!);
        var first = drafts.Single(d => d.Answers[depot] == "Dépôt 0");
        var page = await client.GetPageAsync("/demandes/brouillons/" + first.Id);
        var news = page.Texts("#what-is-new li");
        Assert.Contains(news, n => n.StartsWith("Nouvelle question : « Date de mise en service »"));
        Assert.Contains(news, n => n.StartsWith("Question retirée : « Ancienne référence »"));
        Assert.Contains(news, n => n.StartsWith("Question modifiée : « Capacité en m³ »"));
        Assert.Equal($"Dépôt 0", page.Document.QuerySelector($"#f-{depot}")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Suspending_ShowsTheReasonOnThePublicPage_AndRefusesNewDrafts_ThenArchivingTakesItOut()
    {
        var (editor, _) = await World.EditorAsync();
        var (publisher, _) = await World.PublisherAsync();
        var slug = await CreateAsync(editor, "Autorisation de prospection alluvionnaire");
        await SheetAsync(editor, slug);
        AssertSaved(await PublishAsync(publisher, slug));

        var noReason = await SaveAsync(publisher, EditionPaths.Procedure(slug), "form#suspend", new(), "action", "suspendre");
        AssertSaved(await SaveAsync(publisher, EditionPaths.Procedure(slug), "form#suspend", new() { ["reason"] = "La prospection est suspendue depuis mai 2025." }, "action", "suspendre"));
        var suspended = await Portal.NewVisitor().GetPageAsync("/demarches/" + slug);
        AssertSaved(await SaveAsync(publisher, EditionPaths.Procedure(slug), "form#archive", new(), "action", "archiver"));
        var archived = await Portal.NewVisitor().GetAsync("/demarches/" + slug);
        var search = await Portal.NewVisitor().GetPageAsync("/demarches?q=prospection+alluvionnaire");

        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("La prospection est suspendue depuis mai 2025.", suspended.MainText);
        Assert.Null(suspended.Document.QuerySelector($"a[href='/demarches/{slug}/demarrer']"));
        Assert.Equal(HttpStatusCode.NotFound, archived.StatusCode);
        Assert.DoesNotContain("Autorisation de prospection alluvionnaire", search.MainText);
        Assert.Equal(ProcedureStatus.Archived, await World.DbAsync(db => db.Procedures.Where(p => p.Slug == slug).Select(p => p.Status).SingleAsync()));
    }

    [Fact]
    public async Task Filing_ReadsEachBlockOfARepeatableGroup_AndStopsAtAnEligibilityRule_KeepingWhatWasTyped()
    {
        var (editor, _) = await World.EditorAsync();
        var (publisher, _) = await World.PublisherAsync();
        var slug = await CreateAsync(editor, "Agrément de comptoir d'achat d'or");
        await SheetAsync(editor, slug);
        var substance = await AddFieldAsync(editor, slug, "ShortText", "Substance achetée");
        var partners = await AddFieldAsync(editor, slug, "Group", "Associés");
        await EditFieldAsync(editor, slug, partners, new() { ["MaxItems"] = "3" });
        var name = await AddFieldAsync(editor, slug, "ShortText", "Nom de l'associé");
        await EditFieldAsync(editor, slug, name, new() { ["Group"] = partners, ["Required"] = "true" });
        AssertSaved(await SaveAsync(editor, EditionPaths.Rules(slug), "form#rules", new()
        {
            ["Rows[0].Conditions[0].FieldKey"] = substance, ["Rows[0].Conditions[0].Operator"] = "Equals",
            ["Rows[0].Conditions[0].Value"] = "uranium", ["Rows[0].Message"] = "L'achat d'uranium n'est pas ouvert aux comptoirs.",
        }));
        AssertSaved(await PublishAsync(publisher, slug));
        // Published, the draft is gone: the export reads the version, rule included.
        var export = await (await editor.GetAsync(EditionPaths.Export(slug))).Content.ReadAsStringAsync();
        var applicant = await Portal.CreateAsync();
        var client = Portal.NewVisitor();
        await client.SignInAsync(applicant.Email!);
        var started = await client.SubmitFormAsync(await client.GetPageAsync($"/demarches/{slug}/demarrer"), "form#start", new Dictionary<string, string> { ["pour"] = "moi" });
        var draftUrl = started.Headers.Location!.OriginalString;

        // Two blocks asked for: the page then shows two, the second one empty.
        AssertSaved(await client.SubmitFormAsync(await client.GetPageAsync(draftUrl), "form#draft",
            new Dictionary<string, string> { [substance] = "uranium", [partners] = "2", [$"{name}.1"] = "Kossi Amedome" }, "action", "save"));
        var twoBlocks = await client.GetPageAsync(draftUrl);
        var refused = await client.SubmitFormAsync(twoBlocks, "form#draft", new Dictionary<string, string> { ["attestation"] = "oui" }, "action", "submit");
        var refusedPage = new Html.Page(refused, await Html.ParseAsync(refused));
        AssertSaved(await client.SubmitFormAsync(refusedPage, "form#draft",
            new Dictionary<string, string> { [substance] = "or", [$"{name}.2"] = "Ablavi Kpodar", ["attestation"] = "oui" }, "action", "submit"));

        Assert.Contains("\"message\": \"L'achat d'uranium n'est pas ouvert aux comptoirs.\"", export);
        Assert.Equal(["Kossi Amedome", ""], twoBlocks.Document.QuerySelectorAll($"#groupe-{partners} input[name^='{name}.']").Select(i => i.GetAttribute("value") ?? ""));
        Assert.Equal(["L'achat d'uranium n'est pas ouvert aux comptoirs."], twoBlocks.Texts("#ineligible"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(["L'achat d'uranium n'est pas ouvert aux comptoirs."], refusedPage.Texts("#ineligible"));
        Assert.Equal("Ce champ est obligatoire.", refusedPage.Document.QuerySelector($"[data-valmsg-for='{name}.2']")?.TextContent);
        Assert.Equal("uranium", refusedPage.Document.QuerySelector($"#f-{substance}")!.GetAttribute("value"));
        var filed = await World.DbAsync(db => db.Requests.AsNoTracking().SingleAsync(r => r.ApplicantId == applicant.Id));
        Assert.Equal(RequestStatus.Submitted, filed.Status);
        Assert.Equal(("2", "Kossi Amedome", "Ablavi Kpodar"), (filed.Answers[partners], filed.Answers[$"{name}.1"], filed.Answers[$"{name}.2"]));
    }

    [Fact]
    public async Task AScheduledPublication_IsPublishedByTheScheduler_OnceItsTimeHasCome()
    {
        var (editor, _) = await World.EditorAsync();
        var (publisher, publisherUser) = await World.PublisherAsync();
        var slug = await CreateAsync(editor, "Autorisation d'ouverture de carrière");
        await SheetAsync(editor, slug);
        var at = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-ddTHH:mm");

        var scheduled = await publisher.SubmitFormAsync(await publisher.GetPageAsync(EditionPaths.Publication(slug)), "form#publish",
            new Dictionary<string, string> { ["at"] = at }, "action", "programmer");
        var early = await Scheduler().RunOnceAsync(CancellationToken.None);
        await World.DbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE procedure_drafts SET publish_at = now() - interval '1 minute' WHERE procedure_id = (SELECT id FROM procedures WHERE slug = {slug})"));
        // The scheduler of this node may have claimed it first: either way it is published once.
        await Scheduler().RunOnceAsync(CancellationToken.None);

        AssertSaved(scheduled);
        Assert.Equal(0, early);
        Assert.True(await World.DbAsync(db => db.ProcedureVersions.AnyAsync(v => v.Procedure.Slug == slug && v.IsCurrent)));
        Assert.Equal(publisherUser.Id, await World.DbAsync(db => db.AuditEntries.Where(a => a.Action == "procedure.published" && a.SubjectId == slug).Select(a => a.ActorId).SingleAsync()));
    }

    private static string TargetsFixturesWhere(HttpResponseMessage response) => Supervision.TargetsFixtures.Where(response);

    private ScheduledPublications Scheduler() =>
        Portal.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ScheduledPublications>().Single();
}
