using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace ServicePublic.Baseline;

/// <summary>
/// The pages, each read with the few statements a careful hand-written page would send (projections
/// of the columns shown, one round trip where the statements do not depend on each other, facet
/// counts and page of a search from one call of the search function), and written with a
/// StringBuilder. Statements are prepared automatically by Npgsql (Max Auto Prepare in the
/// connection string) on pooled connections.
/// </summary>
public sealed class Pages(NpgsqlDataSource db, TimeProvider clock)
{
    public const int PageSize = 20;
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(60);

    private readonly string _readingHtml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Static", "statistics-reading.html"));
    private readonly string _openDataHtml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Static", "statistics-open-data.html"));

    // The portal keeps its statistics (and a procedure's measured delay) a minute per node: so does the baseline.
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, Task<object> Value)> _cache = new(StringComparer.Ordinal);

    private sealed record Card(string Slug, string Title, string Summary, string Acronym, string Audience, string Status, bool IsOnline, IReadOnlyList<Fee> Fees);

    private const string CardColumns = "p.slug, v.title, v.summary, m.acronym, v.audience, p.status, p.is_online, v.fees::text";

    private static Card ReadCard(NpgsqlDataReader r, int first) => new(
        r.GetString(first), r.GetString(first + 1), r.GetString(first + 2), r.GetString(first + 3), r.GetString(first + 4),
        r.GetString(first + 5), r.GetBoolean(first + 6), Fee.Parse(r.IsDBNull(first + 7) ? null : r.GetString(first + 7)));

    // ---------- / ----------

    public async Task<string> HomeAsync(Visitor visitor, CancellationToken ct)
    {
        await using var batch = db.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            SELECT {CardColumns}
            FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id JOIN ministries m ON m.id = p.ministry_id
            WHERE v.is_current AND p.status = 'Active'
            ORDER BY p.popularity DESC, v.title LIMIT 8
            """));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT m.code, m.acronym, m.name, (SELECT count(*) FROM procedures p WHERE p.ministry_id = m.id)::integer
            FROM ministries m ORDER BY m.name
            """));
        var cards = new List<Card>(8);
        var ministries = new List<(string Code, string Acronym, string Name, int Count)>();
        await using (var r = await batch.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                cards.Add(ReadCard(r, 0));
            }
            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
            {
                ministries.Add((r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3)));
            }
        }
        var html = Html.Begin("Accueil", "Toutes les démarches administratives du Togo : documents, frais, délais, et dépôt en ligne.", visitor);
        html.Append("""
            <section class="hero">
                <h1>Vos démarches administratives, en ligne</h1>
                <p>Trouvez la démarche, les pièces à fournir, les frais et les délais ; faites-la depuis votre téléphone.</p>
                <form class="search" method="get" action="/demarches" role="search">
                    <label for="q" class="visually-hidden">Rechercher une démarche</label>
                    <input id="q" name="q" type="search" placeholder="Ex. : passeport, casier judiciaire, carte d'importateur" maxlength="200">
                    <button type="submit">Rechercher</button>
                </form>
                <div class="entry-points">
                    <a class="entry" href="/demarches?public=particuliers">
                        <strong>Particuliers</strong>
                        <span>État civil, nationalité, casier judiciaire, passeport…</span>
                    </a>
                    <a class="entry" href="/demarches?public=entreprises">
                        <strong>Entreprises</strong>
                        <span>Création d'entreprise, cartes d'importateur et d'exportateur, permis miniers…</span>
                    </a>
                </div>
            </section>

            <section>
                <h2>Les plus demandées</h2>
                <ul class="cards">

            """);
        foreach (var card in cards)
        {
            WriteCard(html, card);
        }
        html.Append("    </ul>\n</section>\n\n<section>\n    <h2>Ministères</h2>\n    <p>")
            .Append(ministries.Sum(m => m.Count).ToString(CultureInfo.InvariantCulture)).Append(" démarches de ")
            .Append(ministries.Count.ToString(CultureInfo.InvariantCulture)).Append(" ministères et agences.</p>\n    <ul class=\"ministries\">\n");
        foreach (var m in ministries)
        {
            html.Append("            <li><a href=\"/ministeres/").Text(m.Code).Append("\"><strong>").Text(m.Acronym).Append("</strong> ").Text(m.Name)
                .Append("</a> <span class=\"count\">(").Append(m.Count.ToString(CultureInfo.InvariantCulture)).Append(")</span></li>\n");
        }
        html.Append("    </ul>\n</section>\n");
        return html.End();
    }

    private static void WriteCard(StringBuilder html, Card card)
    {
        html.Append("<li class=\"card\">\n    <h3><a href=\"/demarches/").Text(card.Slug).Append("\">").Text(card.Title).Append("</a></h3>\n    <p>")
            .Text(card.Summary).Append("</p>\n    <p class=\"meta\">\n        <span>").Text(card.Acronym).Append("</span>\n        <span>")
            .Append(AudienceLabel(card.Audience)).Append("</span>\n        <span>");
        var total = Fee.FlatTotal(card.Fees);
        html.Append(Fee.IsFree(card.Fees) ? "Gratuit" : total > 0 ? Html.Xof(total) : "Frais variables").Append("</span>\n");
        if (card.Status == "Suspended")
        {
            html.Append("            <span class=\"badge warn\">Suspendue</span>\n");
        }
        else if (card.IsOnline && card.Status == "Active")
        {
            html.Append("            <span class=\"badge\">En ligne</span>\n");
        }
        html.Append("    </p>\n</li>\n");
    }

    private static string AudienceLabel(string audience) => audience switch
    {
        "Individuals" => "Particuliers",
        "Companies" => "Entreprises",
        _ => "Particuliers et entreprises",
    };

    // ---------- /demarches and /demarches?q= ----------

    /// <summary>
    /// One statement: the matching versions (the search function called once), the page of cards,
    /// the total and the counts of every filter's choices. Only the keywords filter is supported
    /// (the benchmark loads no other); page numbers are.
    /// </summary>
    public async Task<string> CatalogueAsync(string? query, int page, Visitor visitor, CancellationToken ct)
    {
        query = string.IsNullOrWhiteSpace(query) ? null : query.Trim();
        if (query?.Length > 200)
        {
            query = query[..200];
        }
        page = Math.Max(1, page);
        var matching = query is null
            ? "SELECT v.id, 0::float8 AS rank, p.popularity, v.title, p.ministry_id, p.category_id, v.audience FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id WHERE v.is_current"
            : "SELECT v.id, s.rank, p.popularity, v.title, p.ministry_id, p.category_id, v.audience FROM search_procedure_versions($1) s JOIN procedure_versions v ON v.id = s.version_id JOIN procedures p ON p.id = v.procedure_id";
        var order = query is null ? "x.popularity DESC, x.title" : "x.rank DESC, x.popularity DESC";
        await using var command = db.CreateCommand($"""
            WITH x AS MATERIALIZED ({matching}),
            f AS (
                SELECT (SELECT count(*) FROM x)::integer AS total,
                    (SELECT json_agg(json_build_array(kind, key, label, n) ORDER BY kind, label) FROM (
                        SELECT 0 AS kind, mi.code AS key, mi.name AS label, (SELECT count(*) FROM x WHERE x.ministry_id = mi.id)::integer AS n FROM ministries mi
                        UNION ALL SELECT 1, c.slug, c.name, (SELECT count(*) FROM x WHERE x.category_id = c.id)::integer FROM categories c
                        UNION ALL SELECT 2, x.audience, '', count(*)::integer FROM x GROUP BY x.audience) facets)::text AS facets)
            SELECT f.total, f.facets, c.*
            FROM f LEFT JOIN LATERAL (
                SELECT {CardColumns}
                FROM x JOIN procedure_versions v ON v.id = x.id JOIN procedures p ON p.id = v.procedure_id JOIN ministries m ON m.id = p.ministry_id
                ORDER BY {order} LIMIT {PageSize} OFFSET {query switch { null => "$1", _ => "$2" }}) c ON true
            """);
        if (query is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query });
        }
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (page - 1) * PageSize });
        var total = 0;
        string? facets = null;
        var cards = new List<Card>(PageSize);
        await using (var r = await command.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                total = r.GetInt32(0);
                facets ??= r.IsDBNull(1) ? "[]" : r.GetString(1);
                if (!r.IsDBNull(2))
                {
                    cards.Add(ReadCard(r, 2));
                }
            }
        }
        var ministries = new List<(string Code, string Name, int Count)>();
        var categories = new List<(string Slug, string Name, int Count)>();
        var audiences = new Dictionary<string, int>(StringComparer.Ordinal);
        using (var json = JsonDocument.Parse(facets ?? "[]"))
        {
            foreach (var f in json.RootElement.EnumerateArray())
            {
                var (kind, key, label, n) = (f[0].GetInt32(), f[1].GetString()!, f[2].GetString()!, f[3].GetInt32());
                switch (kind)
                {
                    case 0: ministries.Add((key, label, n)); break;
                    case 1: categories.Add((key, label, n)); break;
                    default: audiences[key] = n; break;
                }
            }
        }
        var pageCount = Math.Max(1, (int)Math.Ceiling(total / (double)PageSize));
        var html = Html.Begin(query is null ? "Démarches" : "Recherche : " + query, null, visitor);
        html.Append("<h1>Démarches administratives</h1>\n\n<form class=\"filters\" method=\"get\" action=\"/demarches\">\n    <div class=\"field\">\n        <label for=\"q\">Mots-clés</label>\n        <input id=\"q\" name=\"q\" type=\"search\" value=\"")
            .Text(query).Append("\" maxlength=\"200\">\n    </div>\n    <div class=\"field\">\n        <label for=\"ministere\">Ministère</label>\n        <select id=\"ministere\" name=\"ministere\">\n            <option value=\"\">Tous les ministères</option>\n");
        foreach (var (code, name, n) in ministries)
        {
            html.Append("                <option value=\"").Text(code).Append("\">").Text(name).Append(" (").Append(n.ToString(CultureInfo.InvariantCulture)).Append(")</option>\n");
        }
        int Audience(string a) => audiences.GetValueOrDefault(a) + audiences.GetValueOrDefault("Both");
        html.Append("        </select>\n    </div>\n    <div class=\"field\">\n        <label for=\"public\">Public</label>\n        <select id=\"public\" name=\"public\">\n            <option value=\"\">Tous les publics</option>\n            <option value=\"particuliers\">Particuliers (")
            .Append(Audience("Individuals").ToString(CultureInfo.InvariantCulture)).Append(")</option>\n            <option value=\"entreprises\">Entreprises (")
            .Append(Audience("Companies").ToString(CultureInfo.InvariantCulture)).Append(")</option>\n        </select>\n    </div>\n    <div class=\"field\">\n        <label for=\"categorie\">Catégorie</label>\n        <select id=\"categorie\" name=\"categorie\">\n            <option value=\"\">Toutes les catégories</option>\n");
        foreach (var (slug, name, n) in categories)
        {
            html.Append("                <option value=\"").Text(slug).Append("\">").Text(name).Append(" (").Append(n.ToString(CultureInfo.InvariantCulture)).Append(")</option>\n");
        }
        html.Append("        </select>\n    </div>\n    <div class=\"actions\">\n        <button type=\"submit\">Rechercher</button>\n");
        if (query is not null)
        {
            html.Append("            <a href=\"/demarches\">Effacer les filtres</a>\n");
        }
        html.Append("    </div>\n</form>\n\n<p class=\"result-count\" role=\"status\">\n");
        html.Append(total switch
        {
            0 => "Aucune démarche ne correspond à votre recherche.",
            1 => "1 démarche",
            _ => total.ToString(CultureInfo.InvariantCulture) + " démarches",
        }).Append("\n</p>\n\n");
        if (total == 0)
        {
            html.Append("    <p>Essayez d'autres mots, retirez un filtre ou parcourez les démarches par ministère. <a href=\"/ministeres\">Voir les ministères</a></p>\n");
        }
        else
        {
            html.Append("    <ul class=\"cards\">\n");
            foreach (var card in cards)
            {
                WriteCard(html, card);
            }
            html.Append("    </ul>\n");
        }
        if (pageCount > 1)
        {
            var q = query is null ? "" : "q=" + Uri.EscapeDataString(query) + "&amp;";
            html.Append("    <nav class=\"pager\" aria-label=\"Pages de résultats\">\n");
            if (page > 1)
            {
                html.Append("            <a rel=\"prev\" href=\"/demarches?").Append(q).Append("page=").Append((page - 1).ToString(CultureInfo.InvariantCulture)).Append("\">Précédente</a>\n");
            }
            html.Append("        <span>Page ").Append(page.ToString(CultureInfo.InvariantCulture)).Append(" sur ").Append(pageCount.ToString(CultureInfo.InvariantCulture)).Append("</span>\n");
            if (page < pageCount)
            {
                html.Append("            <a rel=\"next\" href=\"/demarches?").Append(q).Append("page=").Append((page + 1).ToString(CultureInfo.InvariantCulture)).Append("\">Suivante</a>\n");
            }
            html.Append("    </nav>\n");
        }
        return html.End();
    }

    // ---------- /demarches/{slug} ----------

    public async Task<string?> ProcedureAsync(string slug, Visitor visitor, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            SELECT v.procedure_id, p.slug, v.title, v.summary, v.description, v.audience, v.audience_conditions, v.conditions, v.steps,
                v.processing_time_text, v.validity, v.legal_basis, v.documents::text, v.fees::text, v.number, v.published_at,
                p.status, p.suspension_reason, p.is_online, m.code, m.acronym, m.name, c.slug, c.name, o.name
            FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id JOIN ministries m ON m.id = p.ministry_id
                JOIN categories c ON c.id = p.category_id LEFT JOIN offices o ON o.id = p.office_id
            WHERE v.is_current AND p.slug = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = slug });
        // The reader (and with it the pooled connection) is closed before the next statement: disposed once only.
        var r = await command.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            await r.DisposeAsync();
            return null;
        }
        var procedureId = r.GetInt32(0);
        string title = r.GetString(2), summary = r.GetString(3), description = r.GetString(4), audience = r.GetString(5);
        var audienceConditions = r.IsDBNull(6) ? null : r.GetString(6);
        var conditions = r.GetFieldValue<string[]>(7);
        var steps = r.GetFieldValue<string[]>(8);
        var processingTime = r.GetString(9);
        var validity = r.IsDBNull(10) ? null : r.GetString(10);
        var legalBasis = r.IsDBNull(11) ? null : r.GetString(11);
        var documents = r.IsDBNull(12) ? "[]" : r.GetString(12);
        var fees = Fee.Parse(r.IsDBNull(13) ? null : r.GetString(13));
        var number = r.GetInt32(14);
        var publishedAt = r.GetFieldValue<DateTimeOffset>(15);
        string status = r.GetString(16);
        var suspensionReason = r.IsDBNull(17) ? null : r.GetString(17);
        var isOnline = r.GetBoolean(18);
        string ministryCode = r.GetString(19), acronym = r.GetString(20), ministryName = r.GetString(21), categorySlug = r.GetString(22), categoryName = r.GetString(23);
        var office = r.IsDBNull(24) ? null : r.GetString(24);
        await r.DisposeAsync();
        var measured = await MeasuredDelayAsync(procedureId, ct);

        var flatTotal = Fee.FlatTotal(fees);
        var html = Html.Begin(title, summary, visitor);
        html.Append("<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\">\n    <a href=\"/demarches\">Démarches</a> ›\n    <a href=\"/ministeres/").Text(ministryCode).Append("\">").Text(acronym)
            .Append("</a> ›\n    <a href=\"/demarches?categorie=").Text(categorySlug).Append("\">").Text(categoryName).Append("</a>\n</nav>\n\n<article class=\"procedure\">\n    <h1>")
            .Text(title).Append("</h1>\n    <p class=\"lead\">").Text(summary).Append("</p>\n\n");
        if (status == "Suspended")
        {
            html.Append("        <div class=\"notice warn\" role=\"note\">\n            <strong>Démarche suspendue</strong>\n            <p>").Text(suspensionReason).Append("</p>\n        </div>\n");
        }
        else if (isOnline && status == "Active")
        {
            html.Append("        <p><a class=\"button\" href=\"/demandes/nouvelle/").Text(slug).Append("\">Faire la démarche en ligne</a></p>\n");
        }
        else
        {
            html.Append("        <p class=\"notice\">Cette démarche se fait au guichet du service compétent.</p>\n");
        }
        var toPay = Fee.IsFree(fees) ? "Gratuit" : flatTotal > 0 ? (Fee.FlatTotalIsExact(fees) ? "" : "À partir de ") + Html.Xof(flatTotal) : "Variable, voir le détail";
        html.Append("\n    <dl class=\"facts\">\n        <div><dt>Délai de traitement</dt><dd>").Text(processingTime)
            .Append("</dd></div>\n        <div><dt>À payer au dépôt</dt><dd>").Text(toPay)
            .Append("</dd></div>\n        <div><dt>Validité</dt><dd>").Text(validity ?? "Non précisée")
            .Append("</dd></div>\n        <div><dt>Public</dt><dd>").Append(AudienceLabel(audience)).Text(audienceConditions is null ? "" : " — " + audienceConditions)
            .Append("</dd></div>\n    </dl>\n");
        html.Append("<p class=\"notice\" id=\"delai-constate\">\n    <strong>Délai annoncé :</strong> ").Text(processingTime)
            .Append(" ·\n    <strong>Délai constaté (12 derniers mois) :</strong> ").Text(Delay(measured))
            .Append("\n    <br><a href=\"/statistiques/demarches/").Text(slug).Append("\">Les statistiques de cette démarche</a>\n</p>\n");
        html.Append("\n    <section>\n        <h2>De quoi s'agit-il ?</h2>\n        <p>").Text(description).Append("</p>\n    </section>\n\n");
        if (conditions.Length > 0)
        {
            html.Append("        <section>\n            <h2>Conditions</h2>\n            <ul>\n");
            foreach (var condition in conditions)
            {
                html.Append("                    <li>").Text(condition).Append("</li>\n");
            }
            html.Append("            </ul>\n        </section>\n");
        }
        html.Append("\n    <section>\n        <h2>Pièces à fournir</h2>\n        <ul class=\"checklist\">\n");
        using (var json = JsonDocument.Parse(documents))
        {
            foreach (var d in json.RootElement.EnumerateArray())
            {
                html.Append("                <li>\n                    <span>").Text(d.GetProperty("Name").GetString()).Append("</span>\n");
                var appliesTo = d.GetProperty("AppliesTo") is { ValueKind: JsonValueKind.Number } n ? n.GetInt32() switch { 1 => "Individuals", 2 => "Companies", _ => "All" } : d.GetProperty("AppliesTo").GetString();
                if (appliesTo == "Individuals")
                {
                    html.Append("                        <small class=\"tag\">Particuliers</small>\n");
                }
                else if (appliesTo == "Companies")
                {
                    html.Append("                        <small class=\"tag\">Entreprises</small>\n");
                }
                if (d.TryGetProperty("Required", out var required) && !required.GetBoolean())
                {
                    html.Append("                        <small class=\"tag\">si applicable</small>\n");
                }
                if (d.TryGetProperty("Note", out var note) && note.ValueKind == JsonValueKind.String)
                {
                    html.Append("                        <small class=\"note\">").Text(note.GetString()).Append("</small>\n");
                }
                html.Append("                </li>\n");
            }
        }
        html.Append("        </ul>\n    </section>\n\n    <section>\n        <h2>Frais</h2>\n");
        if (fees.Count == 0)
        {
            html.Append("            <p>Aucuns frais pour cette démarche.</p>\n");
        }
        else
        {
            html.Append("            <table class=\"fees\">\n                <caption class=\"visually-hidden\">Frais de la démarche</caption>\n                <thead><tr><th scope=\"col\">Élément</th><th scope=\"col\" class=\"num\">Montant</th></tr></thead>\n                <tbody>\n");
            foreach (var fee in fees)
            {
                html.Append("                        <tr>\n                            <th scope=\"row\">\n                                ").Text(fee.Label).Append('\n');
                if (fee.Kind == "PerUnit")
                {
                    html.Append("                                    <small class=\"note\">Montant par ").Text(fee.Unit).Append(", multiplié par la quantité déclarée.</small>\n");
                }
                if (fee.DueLater)
                {
                    html.Append("                                    <small class=\"note\">Payable plus tard (non exigé au dépôt).</small>\n");
                }
                if (fee.Note is not null)
                {
                    html.Append("                                    <small class=\"note\">").Text(fee.Note).Append("</small>\n");
                }
                html.Append("                            </th>\n                            <td class=\"num\">").Text(fee.Kind == "Variable" ? "Variable" : Fee.Shown(fee)).Append("</td>\n                        </tr>\n");
            }
            html.Append("                </tbody>\n");
            if (fees.Any(f => f.IsChargedAtFiling))
            {
                html.Append("                    <tfoot>\n                        <tr>\n                            <th scope=\"row\">")
                    .Append(Fee.FlatTotalIsExact(fees) ? "Total à payer au dépôt" : "Total des montants fixes au dépôt (minimum)")
                    .Append("</th>\n                            <td class=\"num\"><strong>").Text(Html.Xof(flatTotal)).Append("</strong></td>\n                        </tr>\n                    </tfoot>\n");
            }
            html.Append("            </table>\n");
        }
        html.Append("    </section>\n\n");
        if (steps.Length > 0)
        {
            html.Append("        <section>\n            <h2>Étapes</h2>\n            <ol>\n");
            foreach (var step in steps)
            {
                html.Append("                    <li>").Text(step).Append("</li>\n");
            }
            html.Append("            </ol>\n        </section>\n");
        }
        html.Append("\n    <section>\n        <h2>Service compétent</h2>\n        <p>\n            <a href=\"/ministeres/").Text(ministryCode).Append("\">").Text(ministryName).Append("</a>\n");
        if (office is not null)
        {
            html.Append("                <br><span>").Text(office).Append("</span>\n");
        }
        html.Append("        </p>\n    </section>\n\n    <section>\n        <h2>Base légale</h2>\n        <p>").Text(legalBasis ?? "Non précisée")
            .Append("</p>\n    </section>\n\n    <p class=\"meta\">Version ").Append(number.ToString(CultureInfo.InvariantCulture)).Append(", publiée le ")
            .Append(Html.Date(publishedAt)).Append(".</p>\n</article>\n");
        return html.End();
    }

    private async Task<Durations> MeasuredDelayAsync(int procedureId, CancellationToken ct)
    {
        var period = Period.At(clock.GetUtcNow());
        return (Durations)await CachedAsync($"delai:{procedureId}:{period.Today:O}", async () =>
        {
            await using var command = db.CreateCommand("""
                SELECT days, sum(requests)::integer FROM supervision_durations_now
                WHERE procedure_id = $1 AND measure = 'A' AND day >= $2 AND day <= $3 GROUP BY days
                """);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = procedureId });
            command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = period.From });
            command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = period.To });
            var counts = new List<(int, int)>();
            await using var r = await command.ExecuteReaderAsync(CancellationToken.None);
            while (await r.ReadAsync(CancellationToken.None))
            {
                counts.Add((r.GetInt32(0), r.GetInt32(1)));
            }
            return new Durations(counts);
        }, ct);
    }

    private Task<object> CachedAsync(string key, Func<Task<object>> compute, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(key, out var entry) && entry.Until > now && !entry.Value.IsFaulted)
        {
            return entry.Value.WaitAsync(ct);
        }
        var fresh = (now + CacheFor, compute());
        _cache[key] = fresh;
        return fresh.Item2.WaitAsync(ct);
    }

    private static string Delay(Durations d) => d.Count >= 20
        ? $"la moitié en {Days(d.Percentile(50))}, 9 sur 10 en {Days(d.Percentile(90))} (n = {Html.Number(d.Count)})"
        : "moins de 20 demandes : pas de chiffre publié";

    private static string Share(int part, int count) => count >= 20
        ? $"{Math.Round(part * 100m / count, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)} % (n = {Html.Number(count)})"
        : "moins de 20 demandes : pas de chiffre publié";

    private static string Days(int days) => days <= 1 ? $"{days.ToString(CultureInfo.InvariantCulture)} jour" : $"{Html.Number(days)} jours";

    // ---------- /ministeres/{code} ----------

    public async Task<string?> MinistryAsync(string code, Visitor visitor, CancellationToken ct)
    {
        code = code.ToUpperInvariant();
        await using var batch = db.CreateBatch();
        var first = new NpgsqlBatchCommand("""
            SELECT m.acronym, m.name, m.description, o.name, o.code
            FROM ministries m LEFT JOIN offices o ON o.ministry_id = m.id WHERE m.code = $1 ORDER BY o.name
            """);
        first.Parameters.Add(new NpgsqlParameter<string> { TypedValue = code });
        var second = new NpgsqlBatchCommand("""
            SELECT c.name, p.slug, v.title, p.status
            FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id JOIN categories c ON c.id = p.category_id
            WHERE v.is_current AND p.ministry_id = (SELECT id FROM ministries WHERE code = $1)
            ORDER BY c.name, p.popularity DESC, v.title
            """);
        second.Parameters.Add(new NpgsqlParameter<string> { TypedValue = code });
        batch.BatchCommands.Add(first);
        batch.BatchCommands.Add(second);
        string? acronym = null, name = null, description = null;
        var offices = new List<(string Name, string Code)>();
        var procedures = new List<(string Category, string Slug, string Title, string Status)>();
        await using (var r = await batch.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                (acronym, name, description) = (r.GetString(0), r.GetString(1), r.GetString(2));
                if (!r.IsDBNull(3))
                {
                    offices.Add((r.GetString(3), r.GetString(4)));
                }
            }
            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
            {
                procedures.Add((r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3)));
            }
        }
        if (name is null)
        {
            return null;
        }
        var html = Html.Begin(name, description, visitor);
        html.Append("<nav class=\"breadcrumb\" aria-label=\"Fil d'Ariane\"><a href=\"/ministeres\">Ministères</a> › ").Text(acronym).Append("</nav>\n<h1>")
            .Text(name).Append("</h1>\n<p class=\"lead\">").Text(description).Append("</p>\n<p><a href=\"/demarches?ministere=").Text(code).Append("\">Rechercher parmi ses ")
            .Append(procedures.Count.ToString(CultureInfo.InvariantCulture)).Append(" démarches</a></p>\n\n");
        if (offices.Count > 0)
        {
            html.Append("    <h2>Directions et agences</h2>\n    <ul>\n");
            foreach (var (officeName, officeCode) in offices)
            {
                html.Append("            <li>").Text(officeName).Append(" (").Text(officeCode).Append(")</li>\n");
            }
            html.Append("    </ul>\n");
        }
        html.Append("\n<h2>Démarches</h2>\n");
        string? category = null;
        foreach (var p in procedures)
        {
            if (p.Category != category)
            {
                if (category is not null)
                {
                    html.Append("        </ul>\n    </section>\n");
                }
                category = p.Category;
                html.Append("    <section>\n        <h3>").Text(category).Append("</h3>\n        <ul class=\"links\">\n");
            }
            html.Append("                <li>\n                    <a href=\"/demarches/").Text(p.Slug).Append("\">").Text(p.Title).Append("</a>\n");
            if (p.Status == "Suspended")
            {
                html.Append("                        <span class=\"badge warn\">Suspendue</span>\n");
            }
            html.Append("                </li>\n");
        }
        if (category is not null)
        {
            html.Append("        </ul>\n    </section>\n");
        }
        return html.End();
    }

    // ---------- /statistiques ----------

    private sealed record MonthRow(int Child, DateOnly Month, int Filed, int Decided, int Approved, int Withdrawn, int WithTarget, int WithinTarget, int AfterCorrection);

    private sealed record Nation(Period Period, List<(int Id, string Code, string Name)> Ministries, List<MonthRow> Months, List<(int Child, string Measure, int Days, int Requests)> Durations);

    /// <summary>The nation's figures: the same two grouped statements on the rollups as the portal's, plus the ministries, kept a minute.</summary>
    public async Task<string> StatisticsAsync(Visitor visitor, CancellationToken ct)
    {
        var period = Period.At(clock.GetUtcNow());
        var nation = (Nation)await CachedAsync($"nation:{period.Today:O}", async () =>
        {
            await using var batch = db.CreateBatch();
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT id, code, name FROM ministries ORDER BY name"));
            var months = new NpgsqlBatchCommand("""
                SELECT p.ministry_id, d.day - (extract(day FROM d.day)::integer - 1),
                    sum(d.filed)::integer, sum(d.decided)::integer, sum(d.approved)::integer, sum(d.withdrawn)::integer,
                    sum(d.decided_with_target)::integer, sum(d.decided_within_target)::integer, sum(d.decided_after_correction)::integer
                FROM supervision_daily_now d JOIN procedures p ON p.id = d.procedure_id
                WHERE d.day >= $1 AND d.day < $2 GROUP BY 1, 2
                """);
            months.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = period.From });
            months.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = period.ChartEnd });
            var durations = new NpgsqlBatchCommand("""
                SELECT p.ministry_id, s.measure::text, s.days, sum(s.requests)::integer
                FROM supervision_durations_now s JOIN procedures p ON p.id = s.procedure_id
                WHERE s.day >= $1 AND s.day <= $2 GROUP BY 1, 2, 3
                """);
            durations.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = period.From });
            durations.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = period.To });
            batch.BatchCommands.Add(months);
            batch.BatchCommands.Add(durations);
            var result = new Nation(period, [], [], []);
            await using var r = await batch.ExecuteReaderAsync(CancellationToken.None);
            while (await r.ReadAsync(CancellationToken.None))
            {
                result.Ministries.Add((r.GetInt32(0), r.GetString(1), r.GetString(2)));
            }
            await r.NextResultAsync(CancellationToken.None);
            while (await r.ReadAsync(CancellationToken.None))
            {
                result.Months.Add(new MonthRow(r.GetInt32(0), r.GetFieldValue<DateOnly>(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7), r.GetInt32(8)));
            }
            await r.NextResultAsync(CancellationToken.None);
            while (await r.ReadAsync(CancellationToken.None))
            {
                result.Durations.Add((r.GetInt32(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3)));
            }
            return result;
        }, ct);
        return RenderStatistics(nation, visitor);
    }

    private string RenderStatistics(Nation nation, Visitor visitor)
    {
        var period = nation.Period;
        var counted = nation.Months.Where(m => m.Month < period.CurrentMonth).ToList();
        int Sum(Func<MonthRow, int> f, IEnumerable<MonthRow> rows) => rows.Sum(f);
        var withAdministration = new Durations(nation.Durations.Where(d => d.Measure == "A").Select(d => (d.Days, d.Requests)));
        var awaiting = new Durations(nation.Durations.Where(d => d.Measure == "W").Select(d => (d.Days, d.Requests)));
        var decided = Sum(m => m.Decided, counted);
        var html = Html.Begin("Statistiques des démarches", "Demandes déposées et décidées, délais et taux d'approbation mesurés par le portail.", visitor);
        html.Append("<h1>Statistiques des démarches</h1>\n<p class=\"lead\" id=\"periode\">Ce que le portail a mesuré du ").Append(Html.Date(period.From)).Append(" au ").Append(Html.Date(period.To))
            .Append(" (les 12 derniers mois complets) ; le graphique montre aussi le mois en cours.</p>\n\n<h2>Les 12 derniers mois</h2>\n<dl class=\"facts\" id=\"chiffres\">\n")
            .Append("    <div><dt>Demandes déposées</dt><dd id=\"deposees\">").Text(Html.Number(Sum(m => m.Filed, counted))).Append("</dd></div>\n")
            .Append("    <div><dt>Décisions rendues</dt><dd id=\"decidees\">").Text(Html.Number(decided)).Append("</dd></div>\n")
            .Append("    <div><dt>Taux d'approbation</dt><dd id=\"taux-approbation\">").Text(Share(Sum(m => m.Approved, counted), decided)).Append("</dd></div>\n")
            .Append("    <div><dt>Décidées dans le délai cible</dt><dd id=\"dans-le-delai\">").Text(Share(Sum(m => m.WithinTarget, counted), Sum(m => m.WithTarget, counted))).Append("</dd></div>\n")
            .Append("    <div><dt>Temps avec l'administration</dt><dd id=\"temps-administration\">").Text(Delay(withAdministration)).Append("</dd></div>\n")
            .Append("    <div><dt>Décisions qui ont attendu un complément du demandeur</dt><dd id=\"apres-complement\">").Text(Share(Sum(m => m.AfterCorrection, counted), decided)).Append("</dd></div>\n")
            .Append("    <div><dt>Temps d'attente du demandeur, compté à part</dt><dd id=\"attente-demandeur\">").Text(Delay(awaiting)).Append("</dd></div>\n")
            .Append("    <div><dt>Demandes retirées par le demandeur</dt><dd id=\"retirees\">").Text(Html.Number(Sum(m => m.Withdrawn, counted))).Append("</dd></div>\n</dl>\n\n")
            .Append(_readingHtml).Append("\n<h2>Demandes déposées et décidées par mois</h2>\n");

        // The chart: one row per month, a bar for filed and one for decided (the portal's geometry).
        var months = Enumerable.Range(0, 13).Select(i => period.From.AddMonths(i)).ToList();
        var byMonth = nation.Months.ToLookup(m => m.Month);
        var rows = months.Select(m => (Month: m, Filed: byMonth[m].Sum(x => x.Filed), Decided: byMonth[m].Sum(x => x.Decided))).ToList();
        var max = Math.Max(1, rows.Max(r => Math.Max(r.Filed, r.Decided)));
        const int x0 = 96, plot = 360 - 96 - 56;
        var height = 32 + (rows.Count * 38);
        string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        html.Append("<figure class=\"chart\">\n    <svg viewBox=\"0 0 360 ").Append(height.ToString(CultureInfo.InvariantCulture))
            .Append("\" role=\"img\" aria-labelledby=\"graphique-titre graphique-description\" focusable=\"false\">\n        <title id=\"graphique-titre\">Demandes déposées et décidées par mois</title>\n        <desc id=\"graphique-description\">Une ligne par mois, de ")
            .Append(Html.Month(months[0], full: true)).Append(" à ").Append(Html.Month(months[^1], full: true))
            .Append(" (mois en cours) : une barre verte pour les demandes déposées, une barre jaune pour les décisions rendues, chacune suivie de son nombre. Le tableau qui suit donne les mêmes nombres.</desc>\n")
            .Append("""
                    <g font-size="14" fill="#1b1b1b">
                        <rect x="96" y="6" width="14" height="14" fill="#00613f" />
                        <text x="115" y="18">Déposées</text>
                        <rect x="216" y="6" width="14" height="14" fill="#ffce00" stroke="#1b1b1b" />
                        <text x="235" y="18">Décidées</text>
                    </g>

            """).Append("        <line x1=\"96\" y1=\"28\" x2=\"96\" y2=\"").Append(height.ToString(CultureInfo.InvariantCulture)).Append("\" stroke=\"#1b1b1b\" />\n");
        for (var i = 0; i < rows.Count; i++)
        {
            var (month, filed, dec) = rows[i];
            var top = 32 + (i * 38);
            double filedLength = Math.Round(filed * (double)plot / max, 1), decidedLength = Math.Round(dec * (double)plot / max, 1);
            html.Append("            <g font-size=\"14\" fill=\"#1b1b1b\">\n                <text x=\"91\" y=\"").Append((top + 20).ToString(CultureInfo.InvariantCulture)).Append("\" text-anchor=\"end\">").Append(Html.Month(month, full: false)).Append("</text>\n");
            if (filedLength > 0)
            {
                html.Append("                    <rect x=\"96\" y=\"").Append(top.ToString(CultureInfo.InvariantCulture)).Append("\" width=\"").Append(N(filedLength)).Append("\" height=\"14\" fill=\"#00613f\" />\n");
            }
            html.Append("                <text x=\"").Append(N(x0 + filedLength + 4)).Append("\" y=\"").Append((top + 12).ToString(CultureInfo.InvariantCulture)).Append("\">").Text(Html.Number(filed)).Append("</text>\n");
            if (decidedLength > 0)
            {
                html.Append("                    <rect x=\"96\" y=\"").Append((top + 16).ToString(CultureInfo.InvariantCulture)).Append("\" width=\"").Append(N(decidedLength)).Append("\" height=\"14\" fill=\"#ffce00\" stroke=\"#1b1b1b\" />\n");
            }
            html.Append("                <text x=\"").Append(N(x0 + decidedLength + 4)).Append("\" y=\"").Append((top + 28).ToString(CultureInfo.InvariantCulture)).Append("\">").Text(Html.Number(dec)).Append("</text>\n            </g>\n");
        }
        html.Append("    </svg>\n</figure>\n<table class=\"data figures\" id=\"par-mois\">\n    <caption>Demandes déposées et décidées par mois</caption>\n    <thead>\n        <tr><th scope=\"col\">Mois</th><th scope=\"col\" class=\"num\">Déposées</th><th scope=\"col\" class=\"num\">Décidées</th></tr>\n    </thead>\n    <tbody>\n");
        foreach (var (month, filed, dec) in rows)
        {
            html.Append("            <tr>\n                <th scope=\"row\">").Append(Html.Month(month, full: true)).Append(month == period.CurrentMonth ? " (mois en cours)" : "")
                .Append("</th>\n                <td class=\"num\">").Text(Html.Number(filed)).Append("</td>\n                <td class=\"num\">").Text(Html.Number(dec)).Append("</td>\n            </tr>\n");
        }
        html.Append("    </tbody>\n</table>\n\n<h2 id=\"liste-titre\">Par ministère</h2>\n<div class=\"table-scroll\">\n    <table class=\"data figures\" id=\"par-ministere\" aria-labelledby=\"liste-titre\">\n        <caption>Les 12 derniers mois ; chaque nom mène à ses statistiques.</caption>\n        <thead>\n            <tr>\n                <th scope=\"col\">Ministère</th>\n                <th scope=\"col\" class=\"num\">Déposées</th>\n                <th scope=\"col\" class=\"num\">Décidées</th>\n                <th scope=\"col\">Taux d'approbation</th>\n                <th scope=\"col\">Temps avec l'administration</th>\n            </tr>\n        </thead>\n        <tbody>\n");
        var countsOf = counted.ToLookup(m => m.Child);
        var durationsOf = nation.Durations.Where(d => d.Measure == "A").ToLookup(d => d.Child);
        foreach (var (id, code, name) in nation.Ministries)
        {
            var c = countsOf[id];
            var childDecided = c.Sum(m => m.Decided);
            html.Append("                <tr>\n                    <th scope=\"row\"><a href=\"/statistiques/").Text(code).Append("\">").Text(name)
                .Append("</a></th>\n                    <td class=\"num\">").Text(Html.Number(c.Sum(m => m.Filed)))
                .Append("</td>\n                    <td class=\"num\">").Text(Html.Number(childDecided))
                .Append("</td>\n                    <td>").Text(Share(c.Sum(m => m.Approved), childDecided))
                .Append("</td>\n                    <td>").Text(Delay(new Durations(durationsOf[id].Select(d => (d.Days, d.Requests))))).Append("</td>\n                </tr>\n");
        }
        html.Append("        </tbody>\n    </table>\n</div>\n\n");
        html.Append(_openDataHtml.Replace("{FROM_ISO}", period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{TO_ISO}", period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{FROM}", Html.Date(period.From), StringComparison.Ordinal)).Append('\n');
        return html.End();
    }

    // ---------- /demandes ----------

    private static readonly (string Slug, string Status, string Label)[] Statuses =
    [
        ("brouillon", "Draft", "Brouillon"), ("paiement", "AwaitingPayment", "En attente de paiement"), ("deposee", "Submitted", "Déposée"),
        ("instruction", "InReview", "En cours d'instruction"), ("complement", "AwaitingApplicant", "Complément demandé"),
        ("acceptee", "Approved", "Acceptée"), ("refusee", "Rejected", "Refusée"), ("retiree", "Withdrawn", "Retirée"),
    ];

    private static string StatusLabel(string status) => Array.Find(Statuses, s => s.Status == status).Label ?? status;

    /// <summary>
    /// A citizen's requests (and its businesses'): counts per status and the 200 most recently
    /// updated, in one round trip; "mine" as a UNION ALL of its two indexed halves (own requests,
    /// requests of its businesses), which an OR of the two would turn into a scan of every request.
    /// </summary>
    public async Task<string> MyRequestsAsync(Visitor visitor, CancellationToken ct)
    {
        const string Mine = """
            SELECT r.id, r.tracking_number, r.procedure_version_id, r.business_id, r.status, r.updated_at
            FROM requests r WHERE r.business_id IS NULL AND r.applicant_id = $1
            UNION ALL
            SELECT r.id, r.tracking_number, r.procedure_version_id, r.business_id, r.status, r.updated_at
            FROM requests r JOIN business_members bm ON bm.business_id = r.business_id WHERE bm.user_id = $1
            """;
        await using var batch = db.CreateBatch();
        var counts = new NpgsqlBatchCommand($"SELECT status, count(*)::integer FROM ({Mine}) mine GROUP BY status");
        counts.Parameters.Add(new NpgsqlParameter<string> { TypedValue = visitor.UserId! });
        var rows = new NpgsqlBatchCommand($"""
            SELECT mine.id, mine.tracking_number, v.title, mine.status, b.name, mine.updated_at
            FROM ({Mine} ORDER BY updated_at DESC LIMIT 200) mine
                JOIN procedure_versions v ON v.id = mine.procedure_version_id LEFT JOIN businesses b ON b.id = mine.business_id
            ORDER BY mine.updated_at DESC
            """);
        rows.Parameters.Add(new NpgsqlParameter<string> { TypedValue = visitor.UserId! });
        batch.BatchCommands.Add(counts);
        batch.BatchCommands.Add(rows);
        var byStatus = new Dictionary<string, int>(StringComparer.Ordinal);
        var html = Html.Begin("Mes demandes", null, visitor);
        await using var r = await batch.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            byStatus[r.GetString(0)] = r.GetInt32(1);
        }
        html.Append("<h1>Mes demandes</h1>\n<nav class=\"filters-inline\" aria-label=\"Filtrer par état\">\n    <a href=\"/demandes\" aria-current=\"page\">Toutes (")
            .Append(byStatus.Values.Sum().ToString(CultureInfo.InvariantCulture)).Append(")</a>\n");
        foreach (var (slug, status, label) in Statuses)
        {
            if (byStatus.TryGetValue(status, out var count))
            {
                html.Append("            <a href=\"/demandes?statut=").Append(slug).Append("\">").Append(label).Append(" (").Append(count.ToString(CultureInfo.InvariantCulture)).Append(")</a>\n");
            }
        }
        html.Append("</nav>\n");
        await r.NextResultAsync(ct);
        var any = false;
        while (await r.ReadAsync(ct))
        {
            if (!any)
            {
                any = true;
                html.Append("    <table class=\"data\">\n        <thead>\n            <tr><th scope=\"col\">Démarche</th><th scope=\"col\">Numéro</th><th scope=\"col\">Pour</th><th scope=\"col\">État</th><th scope=\"col\">Mise à jour</th></tr>\n        </thead>\n        <tbody>\n");
            }
            var tracking = r.IsDBNull(1) ? null : r.GetString(1);
            var link = tracking is null ? "/demandes/brouillon/" + r.GetGuid(0).ToString() : "/demandes/" + tracking;
            html.Append("                <tr>\n                    <td><a href=\"").Text(link).Append("\">").Text(r.GetString(2)).Append("</a></td>\n                    <td>").Text(tracking ?? "—")
                .Append("</td>\n                    <td>").Text(r.IsDBNull(4) ? "Moi-même" : r.GetString(4)).Append("</td>\n                    <td>").Append(StatusLabel(r.GetString(3)))
                .Append("</td>\n                    <td>").Append(Html.Date(r.GetFieldValue<DateTimeOffset>(5))).Append("</td>\n                </tr>\n");
        }
        html.Append(any
            ? "        </tbody>\n    </table>\n"
            : "    <p>Aucune demande pour l'instant. <a href=\"/demarches\">Trouver une démarche</a></p>\n");
        return html.End();
    }

    // ---------- /agent ----------

    private static readonly string[] QueueStatuses = ["AwaitingPayment", "Submitted", "InReview", "AwaitingApplicant", "Approved", "Rejected", "Withdrawn"];

    /// <summary>
    /// A clerk's queue, first page, unfiltered: the clerk's name and place (one statement), then in
    /// one round trip the page of 25 (sorted on the requests alone, names and payment read for those
    /// 25 only), the counts per status (whose sum is the unfiltered total) and the place's procedures.
    /// </summary>
    public async Task<string> QueueAsync(Visitor visitor, CancellationToken ct)
    {
        string fullName;
        string? ministry, office;
        int ministryId;
        int? officeId;
        await using (var user = db.CreateCommand("""
            SELECT u.full_name, u.ministry_id, u.office_id, m.name, o.name
            FROM "AspNetUsers" u LEFT JOIN ministries m ON m.id = u.ministry_id LEFT JOIN offices o ON o.id = u.office_id
            WHERE u.id = $1
            """))
        {
            user.Parameters.Add(new NpgsqlParameter<string> { TypedValue = visitor.UserId! });
            await using var u = await user.ExecuteReaderAsync(ct);
            if (!await u.ReadAsync(ct))
            {
                return "";
            }
            (fullName, ministryId, officeId) = (u.GetString(0), u.IsDBNull(1) ? -1 : u.GetInt32(1), u.IsDBNull(2) ? null : u.GetInt32(2));
            (ministry, office) = (u.IsDBNull(3) ? null : u.GetString(3), u.IsDBNull(4) ? null : u.GetString(4));
        }
        const string Place = "p.ministry_id = $1 AND ($2::integer IS NULL OR p.office_id = $2)";
        await using var batch = db.CreateBatch();
        void Add(string sql)
        {
            var c = new NpgsqlBatchCommand(sql);
            c.Parameters.Add(new NpgsqlParameter<int> { TypedValue = ministryId });
            c.Parameters.Add(new NpgsqlParameter<int?> { TypedValue = officeId, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
            batch.BatchCommands.Add(c);
        }
        Add($"""
            SELECT q.id, q.tracking_number, q.title, CASE WHEN q.business_id IS NULL THEN a.full_name ELSE b.name END, q.status, q.due_at, c.full_name,
                EXISTS (SELECT 1 FROM payments pay WHERE pay.request_id = q.id AND pay.status IN ('Succeeded', 'Refunded'))
            FROM (SELECT r.id, r.tracking_number, v.title, r.business_id, r.applicant_id, r.assigned_clerk_id, r.status, r.due_at, r.submitted_at, r.created_at
                  FROM requests r JOIN procedure_versions v ON v.id = r.procedure_version_id JOIN procedures p ON p.id = v.procedure_id
                  WHERE r.status <> 'Draft' AND {Place}
                  ORDER BY r.due_at IS NULL, r.due_at, r.submitted_at, r.created_at LIMIT 25) q
                JOIN "AspNetUsers" a ON a.id = q.applicant_id LEFT JOIN businesses b ON b.id = q.business_id LEFT JOIN "AspNetUsers" c ON c.id = q.assigned_clerk_id
            ORDER BY q.due_at IS NULL, q.due_at, q.submitted_at, q.created_at
            """);
        Add($"""
            SELECT r.status, count(*)::integer FROM requests r JOIN procedure_versions v ON v.id = r.procedure_version_id JOIN procedures p ON p.id = v.procedure_id
            WHERE r.status <> 'Draft' AND {Place} GROUP BY r.status
            """);
        Add($"""
            SELECT p.slug, v.title FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id
            WHERE v.is_current AND {Place} ORDER BY v.title
            """);
        var now = clock.GetUtcNow();
        await using var r = await batch.ExecuteReaderAsync(ct);
        var rows = new StringBuilder(16 * 1024);
        var total = 0L;
        while (await r.ReadAsync(ct))
        {
            var id = r.GetGuid(0).ToString();
            var tracking = r.GetString(1);
            var status = r.GetString(4);
            DateTimeOffset? due = r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5);
            var paid = r.GetBoolean(7);
            var overdue = due < now && status is "AwaitingPayment" or "Submitted" or "InReview";
            rows.Append("                        <tr").Append(overdue ? " class=\"overdue\"" : "").Append(">\n                            <td><input type=\"checkbox\" name=\"selection\" value=\"").Append(id)
                .Append("\" id=\"s-").Append(id).Append("\" aria-label=\"Sélectionner ").Text(tracking).Append("\"></td>\n                            <td class=\"nowrap\"><a href=\"/agent/demandes/").Text(tracking).Append("\">").Text(tracking)
                .Append("</a></td>\n                            <td>").Text(r.GetString(2)).Append("</td>\n                            <td>").Text(r.GetString(3))
                .Append("</td>\n                            <td>").Append(StatusLabel(status)).Append("</td>\n                            <td class=\"nowrap\">").Append(due is null ? "—" : Html.Date(due.Value))
                .Append(overdue ? "<strong> En retard</strong>" : "").Append("</td>\n                            <td>").Text(r.IsDBNull(6) ? "—" : r.GetString(6))
                .Append("</td>\n                            <td>").Append(status == "AwaitingPayment" || paid ? (paid ? "payée" : "non payée") : "sans frais").Append("</td>\n                        </tr>\n");
        }
        await r.NextResultAsync(ct);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await r.ReadAsync(ct))
        {
            counts[r.GetString(0)] = r.GetInt32(1);
        }
        total = counts.Values.Sum();
        var html = Html.Begin("Espace agents", null, visitor);
        html.Append("<h1>Espace agents</h1>\n<p>Connecté en tant que ").Text(fullName).Append(".</p>\n<dl class=\"facts\" id=\"workplace\">\n    <div><dt>Ministère</dt><dd>").Text(ministry ?? "Aucun ministère attribué").Append("</dd></div>\n");
        if (office is not null)
        {
            html.Append("        <div><dt>Bureau</dt><dd>").Text(office).Append("</dd></div>\n");
        }
        html.Append("</dl>\n<h2>Demandes à traiter</h2>\n<ul class=\"status-counts\" aria-label=\"Nombre de demandes par état\">\n");
        foreach (var status in QueueStatuses)
        {
            html.Append("        <li><a href=\"/agent?statut=").Append(status).Append("\">").Append(StatusLabel(status)).Append(" <span class=\"count\">(")
                .Append(counts.GetValueOrDefault(status).ToString(CultureInfo.InvariantCulture)).Append(")</span></a></li>\n");
        }
        html.Append("</ul>\n<form method=\"get\" action=\"/agent\" class=\"filters\" role=\"search\">\n    <div class=\"field\">\n        <label for=\"q\">Numéro de suivi ou demandeur</label>\n        <input id=\"q\" name=\"q\" type=\"search\" value=\"\">\n    </div>\n    <div class=\"field\">\n        <label for=\"statut\">État</label>\n        <select id=\"statut\" name=\"statut\">\n            <option value=\"\">Tous</option>\n            <option value=\"ouvertes\">En cours (non décidées)</option>\n");
        foreach (var status in QueueStatuses)
        {
            html.Append("                <option value=\"").Append(status).Append("\">").Append(StatusLabel(status)).Append("</option>\n");
        }
        html.Append("        </select>\n    </div>\n    <div class=\"field\">\n        <label for=\"demarche\">Démarche</label>\n        <select id=\"demarche\" name=\"demarche\">\n            <option value=\"\">Toutes</option>\n");
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
        {
            html.Append("                <option value=\"").Text(r.GetString(0)).Append("\">").Text(r.GetString(1)).Append("</option>\n");
        }
        html.Append("""
                    </select>
                </div>
                <div class="field">
                    <label for="affectation">Affectation</label>
                    <select id="affectation" name="affectation">
                        <option value="">Toutes</option>
                        <option value="moi">Les miennes</option>
                        <option value="personne">Non attribuées</option>
                    </select>
                </div>
                <div class="field">
                    <label for="paiement">Paiement</label>
                    <select id="paiement" name="paiement">
                        <option value="">Tous</option>
                        <option value="paye">Payées</option>
                        <option value="impaye">Non payées</option>
                    </select>
                </div>
                <div class="check"><input type="checkbox" id="retard" name="retard" value="true"><label for="retard">En retard seulement</label></div>
                <div class="actions actions-row">
                    <button type="submit">Filtrer</button>
                    <a href="/agent">Effacer les filtres</a>
                    <a href="/agent/demandes.csv">Exporter en CSV</a>
                </div>
            </form>

            """);
        html.Append("<p class=\"result-count\">").Append(total.ToString(CultureInfo.InvariantCulture)).Append(" demande(s)</p>\n");
        if (rows.Length > 0)
        {
            var pages = Math.Max(1, (total + 24) / 25);
            html.Append("""
                    <form method="post" action="/agent/lot" id="batch">
                        <input type="hidden" name="retour" value="/agent">
                        <div class="table-scroll">
                            <table class="data wide">
                                <caption class="visually-hidden">Demandes à traiter</caption>
                                <thead>
                                    <tr>
                                        <th scope="col"><span class="visually-hidden">Sélection</span></th>
                                        <th scope="col">Numéro de suivi</th>
                                        <th scope="col">Démarche</th>
                                        <th scope="col">Demandeur</th>
                                        <th scope="col">État</th>
                                        <th scope="col">Échéance</th>
                                        <th scope="col">Agent</th>
                                        <th scope="col">Paiement</th>
                                    </tr>
                                </thead>
                                <tbody>

                """).Append(rows).Append("""
                                </tbody>
                            </table>
                        </div>
                        <fieldset class="actions-row">
                            <legend>Pour les demandes cochées</legend>
                            <button type="submit" name="operation" value="prendre" class="secondary">Les prendre</button>
                            <button type="submit" name="operation" value="instruire" class="secondary">Commencer l'instruction</button>
                        </fieldset>
                    </form>
                    <nav class="pager" aria-label="Pages">

                """).Append("        <span>Page 1 sur ").Append(pages.ToString(CultureInfo.InvariantCulture)).Append("</span>\n");
            if (pages > 1)
            {
                html.Append("            <a href=\"/agent?page=2\" rel=\"next\">Page suivante</a>\n");
            }
            html.Append("    </nav>\n");
        }
        else
        {
            html.Append("    <p>Aucune demande ne correspond.</p>\n");
        }
        return html.End();
    }
}

/// <summary>The statistics' months, as the portal counts them: the 12 full months before the current one (UTC), and the current one on the chart.</summary>
public sealed record Period(DateOnly Today)
{
    public static Period At(DateTimeOffset now) => new(DateOnly.FromDateTime(now.UtcDateTime));

    public DateOnly CurrentMonth => new(Today.Year, Today.Month, 1);

    public DateOnly From => CurrentMonth.AddMonths(-12);

    public DateOnly To => CurrentMonth.AddDays(-1);

    public DateOnly ChartEnd => CurrentMonth.AddMonths(1);
}

/// <summary>How many decisions took each number of days; percentiles by nearest rank, as the portal's.</summary>
public sealed class Durations
{
    private readonly (int Days, int Requests)[] _counts;

    public Durations(IEnumerable<(int Days, int Requests)> counts)
    {
        _counts = [.. counts.Where(c => c.Requests > 0).GroupBy(c => c.Days).Select(g => (g.Key, g.Sum(c => c.Requests))).OrderBy(c => c.Item1)];
        Count = _counts.Sum(c => c.Requests);
    }

    public int Count { get; }

    public int Percentile(int percent)
    {
        long atMost = 0;
        foreach (var (days, requests) in _counts)
        {
            atMost += requests;
            if (atMost * 100 >= (long)percent * Count)
            {
                return days;
            }
        }
        return _counts.Length == 0 ? 0 : _counts[^1].Days;
    }
}
