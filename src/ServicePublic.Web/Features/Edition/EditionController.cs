using System.Security.Claims;
using ServicePublic.Web.Domain.Edition;
using ServicePublic.Web.Domain.Forms;
using ServicePublic.Web.Data.Seeding;
using static ServicePublic.Web.Data.Seeding.CatalogueFiles;

namespace ServicePublic.Web.Features.Edition;

public sealed record OverviewPage(Workbench Bench, IReadOnlyList<EntryProblem> Problems, string? DraftEditedBy, bool MayEdit, bool MayPublish);

public sealed record NewProcedurePage(NewProcedureForm Form, IReadOnlyList<MinistryEntry> Ministries, IReadOnlyList<CategoryEntry> Categories, int? MinistryId, string? MinistryCode);

public sealed record ImportPage(string? Json, string? Problem, IReadOnlyList<EntryProblem> Problems);

/// <summary>
/// The procedure builder's lists and whole-procedure actions: create, duplicate, import, export,
/// the overview of a procedure with its checks, and its state (suspend, reactivate, archive).
/// Another ministry's procedure answers 404, as if it did not exist.
/// </summary>
[Authorize(Policy = Policies.Edition)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class EditionController(
    Workshop workshop, EditionQueries queries, DefinitionChecks checks, AppDbContext db, AuditLog audit, TimeProvider clock) : Controller
{
    /// <summary>1 MB: the largest seed procedure is about 20 kB.</summary>
    public const int MaxImportBytes = 1024 * 1024;

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private bool MayPublish => User.IsInRole(Roles.Publisher) || User.IsInRole(Roles.Administrator);

    private bool MayEdit => User.IsInRole(Roles.Editor) || User.IsInRole(Roles.Administrator);

    [HttpGet(EditionPaths.Procedures)]
    public async Task<IActionResult> Index([FromQuery(Name = "q")] string? query, [FromQuery(Name = "etat")] string? state, CancellationToken ct) =>
        View("Index", await queries.ListAsync(await workshop.MinistryOfAsync(User, ct), query, EditionLabels.Parse(state), ct));

    [HttpGet(EditionPaths.New)]
    public async Task<IActionResult> New(CancellationToken ct) =>
        MayEdit ? View("New", await NewPageAsync(new NewProcedureForm(), ct)) : Forbid();

    [HttpPost(EditionPaths.New)]
    public async Task<IActionResult> New(NewProcedureForm form, CancellationToken ct)
    {
        if (!MayEdit)
        {
            return Forbid();
        }
        var page = await NewPageAsync(form, ct);
        var ministry = page.MinistryCode ?? form.Ministry;
        if (string.IsNullOrWhiteSpace(form.Title))
        {
            this.AddError(nameof(form.Title), "Donnez un titre à la démarche.");
        }
        if (page.Categories.All(c => c.Slug != form.Category))
        {
            this.AddError(nameof(form.Category), "Choisissez une catégorie.");
        }
        if (page.Ministries.FirstOrDefault(m => m.Code == ministry) is not { } chosen)
        {
            this.AddError(nameof(form.Ministry), "Choisissez le ministère.");
        }
        else if (form.Office is not null && chosen.Offices.All(o => o.Code != form.Office))
        {
            this.AddError(nameof(form.Office), "Ce service ne relève pas du ministère.");
        }
        if (!ModelState.IsValid)
        {
            return View("New", page);
        }
        var slug = await FreeSlugAsync(FormConventions.KeyFor(form.Title!, Procedure.SlugMaxLength - 4), ct);
        var entry = Definitions.Blank(slug, form.Title!.Trim(), ministry!, SheetForm.Optional(form.Office), form.Category!);
        await CreateAsync(entry, "créée", ct);
        TempData["Notice"] = "Démarche créée : complétez sa fiche, ses pièces, ses frais et son formulaire.";
        return Redirect(EditionPaths.Procedure(slug));
    }

    [HttpPost("/edition/demarches/{slug}/dupliquer")]
    public async Task<IActionResult> Duplicate(string slug, CancellationToken ct)
    {
        if (!MayEdit)
        {
            return Forbid();
        }
        if (await workshop.OpenAsync(slug, User, ct) is not { } bench)
        {
            return NotFound();
        }
        var copy = await FreeSlugAsync(slug.Length > Procedure.SlugMaxLength - 10 ? slug[..(Procedure.SlugMaxLength - 10)] : slug + "-copie", ct);
        await CreateAsync(Definitions.Copy(bench.Entry) with { Slug = copy, Title = $"Copie de {bench.Entry.Title}" }, $"copie de {slug}", ct);
        TempData["Notice"] = "Copie créée : c'est un brouillon, à renommer et à publier comme une nouvelle démarche.";
        return Redirect(EditionPaths.Procedure(copy));
    }

    [HttpGet(EditionPaths.Import)]
    public IActionResult Import() => MayEdit ? View("Import", new ImportPage(null, null, [])) : Forbid();

    /// <summary>
    /// A definition as JSON, pasted or sent as a file: a new procedure, or the next draft of one of
    /// the ministry's own (same slug). Refused whole, with the line or each problem, when it is not
    /// valid JSON or not the schema; nothing is saved then.
    /// </summary>
    [HttpPost(EditionPaths.Import)]
    [RequestSizeLimit(2 * MaxImportBytes)]
    public async Task<IActionResult> Import([FromForm(Name = "json")] string? pasted, IFormFile? file, CancellationToken ct)
    {
        if (!MayEdit)
        {
            return Forbid();
        }
        var json = pasted;
        if (file is { Length: > 0 })
        {
            if (file.Length > MaxImportBytes)
            {
                return View("Import", new ImportPage(null, "Le fichier dépasse 1 Mo : ce n'est pas une définition de démarche.", []));
            }
            using var reader = new StreamReader(file.OpenReadStream());
            json = await reader.ReadToEndAsync(ct);
        }
        if (string.IsNullOrWhiteSpace(json))
        {
            return View("Import", new ImportPage(json, "Collez la définition ou choisissez un fichier .json.", []));
        }
        var (entry, problem) = Definitions.Parse(json);
        if (entry is null)
        {
            return View("Import", new ImportPage(json, problem, []));
        }
        var ministry = await workshop.MinistryOfAsync(User, ct);
        var own = ministry is null || await db.Ministries.AnyAsync(m => m.Id == ministry && m.Code == entry.Ministry, ct);
        if (!own)
        {
            return View("Import", new ImportPage(json, "Cette démarche relève d'un autre ministère que le vôtre : « ministry » doit être le code de votre ministère.", []));
        }
        var problems = CatalogueValidator.ProblemsOf(entry, await checks.ReferenceAsync(ct));
        if (problems.Count > 0)
        {
            return View("Import", new ImportPage(json, "La définition ne suit pas le schéma des démarches : rien n'est enregistré.", problems));
        }
        var existing = await db.Procedures.Where(p => p.Slug == entry.Slug).Select(p => new { p.Ministry.Code }).SingleOrDefaultAsync(ct);
        if (existing is null)
        {
            await CreateAsync(entry, "importée", ct);
        }
        else if (existing.Code != entry.Ministry || await workshop.OpenAsync(entry.Slug, User, ct) is not { } bench)
        {
            return View("Import", new ImportPage(json, "Une démarche d'un autre ministère porte déjà ce « slug » : choisissez-en un autre.", []));
        }
        else if (await workshop.SaveAsync(bench, bench.Token, entry, "import", User, ct) is not null)
        {
            return View("Import", new ImportPage(json, "Le brouillon a été modifié au même moment : importez de nouveau.", []));
        }
        TempData["Notice"] = "Définition importée comme brouillon : vérifiez-la puis faites-la publier.";
        return Redirect(EditionPaths.Procedure(entry.Slug));
    }

    /// <summary>The draft if there is one, else the published version, in the import's schema.</summary>
    [HttpGet("/edition/demarches/{slug}/export.json")]
    public async Task<IActionResult> Export(string slug, CancellationToken ct)
    {
        if (await workshop.OpenAsync(slug, User, ct) is not { } bench)
        {
            return NotFound();
        }
        return File(System.Text.Encoding.UTF8.GetBytes(Definitions.Write(bench.Entry)), "application/json", $"{slug}.json");
    }

    [HttpGet("/edition/demarches/{slug}")]
    public async Task<IActionResult> Overview(string slug, CancellationToken ct) =>
        await workshop.OpenAsync(slug, User, ct) is { } bench ? View("Overview", await OverviewAsync(bench, ct)) : NotFound();

    /// <summary>Suspend (with the reason shown on its public page), reactivate or archive: publishers and administrators.</summary>
    [HttpPost("/edition/demarches/{slug}/etat")]
    public async Task<IActionResult> State(string slug, [FromForm(Name = "action")] string? action, [FromForm(Name = "reason")] string? reason, CancellationToken ct)
    {
        if (!MayPublish)
        {
            return Forbid();
        }
        if (await workshop.OpenAsync(slug, User, ct) is not { } bench)
        {
            return NotFound();
        }
        var procedure = bench.Procedure;
        try
        {
            switch (action)
            {
                case "suspendre" when string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > Procedure.SuspensionReasonMaxLength:
                    this.AddError("reason", "Donnez la raison de la suspension (500 caractères au plus) : elle est affichée sur la page de la démarche.");
                    return View("Overview", await OverviewAsync(bench, ct));
                case "suspendre":
                    procedure.Suspend(reason!.Trim());
                    break;
                case "reactiver":
                    procedure.Reactivate();
                    break;
                case "archiver":
                    procedure.Archive();
                    break;
                default:
                    return BadRequest();
            }
        }
        catch (BusinessRuleException e)
        {
            this.AddError("", e.Message);
            return View("Overview", await OverviewAsync(bench, ct));
        }
        procedure.MarkEditedOnline();
        await audit.RecordAsync(AuditActions.ProcedureStateChanged, slug, $"{procedure.Ministry.Code}: {action}{(reason is null ? "" : " — " + reason.Trim())}", ct: ct);
        TempData["Notice"] = action switch
        {
            "suspendre" => "Démarche suspendue : les nouvelles demandes sont refusées, celles déjà déposées continuent.",
            "reactiver" => "Démarche réactivée.",
            _ => "Démarche archivée : elle a quitté le catalogue ; les demandes déposées gardent leur version.",
        };
        return Redirect(EditionPaths.Procedure(slug));
    }

    private async Task<OverviewPage> OverviewAsync(Workbench bench, CancellationToken ct)
    {
        var editedBy = await workshop.EditedByAsync(bench.Draft, ct);
        return new OverviewPage(bench, await checks.ProblemsAsync(bench.Entry, ct), editedBy, MayEdit, MayPublish);
    }

    private async Task<NewProcedurePage> NewPageAsync(NewProcedureForm form, CancellationToken ct)
    {
        var reference = await checks.ReferenceAsync(ct);
        var ministryId = await workshop.MinistryOfAsync(User, ct);
        var code = ministryId is null ? null : await db.Ministries.Where(m => m.Id == ministryId).Select(m => m.Code).SingleOrDefaultAsync(ct);
        var ministries = code is null ? reference.Ministries : [.. reference.Ministries.Where(m => m.Code == code)];
        return new NewProcedurePage(form, ministries, reference.Categories, ministryId, code);
    }

    private async Task<string> FreeSlugAsync(string stem, CancellationToken ct)
    {
        var taken = await db.Procedures.Where(p => p.Slug.StartsWith(stem)).Select(p => p.Slug).ToListAsync(ct);
        var slug = stem;
        for (var n = 2; taken.Contains(slug); n++)
        {
            slug = $"{stem}-{n}";
        }
        return slug;
    }

    /// <summary>A procedure that is only a draft until its first publication.</summary>
    private async Task CreateAsync(ProcedureEntry entry, string how, CancellationToken ct)
    {
        var ministry = await db.Ministries.Include(m => m.Offices).SingleAsync(m => m.Code == entry.Ministry, ct);
        var category = await db.Categories.SingleAsync(c => c.Slug == entry.Category, ct);
        var procedure = Procedure.Unpublished(entry.Slug, ministry, ministry.Offices.FirstOrDefault(o => o.Code == entry.Office), category);
        procedure.SetAvailability(entry.Online, 0);
        db.Procedures.Add(procedure);
        db.ProcedureDrafts.Add(new ProcedureDraft(procedure, null, Definitions.Write(entry), UserId, clock.GetUtcNow()));
        await audit.RecordAsync(AuditActions.ProcedureCreated, entry.Slug, $"{ministry.Code}: {how}", ct: ct);
    }
}
