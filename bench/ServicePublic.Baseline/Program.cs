using System.Security.Cryptography;
using System.Text;
using Npgsql;
using ServicePublic.Baseline;

// The hand-written baseline of bench/run.sh pages (see bench/pages.sh and the README's Benchmarks):
// the portal's pages from the same database, with Kestrel, Npgsql and StringBuilder only.
//   BASELINE_DB       the connection string (the portal's role, which owns nothing)
//   BASELINE_URL      where to listen (http://127.0.0.1:PORT)
//   BASELINE_COOKIE_KEY  the key of the signed-in cookie "sp-bench=USERID.c|s.HMAC" (hex HMAC-SHA256 of "USERID.c|s")
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
builder.WebHost.UseUrls(Environment.GetEnvironmentVariable("BASELINE_URL") ?? "http://127.0.0.1:58600");
var connectionString = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("BASELINE_DB")
    ?? throw new InvalidOperationException("BASELINE_DB is needed."))
{
    // Prepared statements on every pooled connection, as a careful hand-written data layer would use.
    MaxAutoPrepare = 32,
    AutoPrepareMinUsages = 2,
    ApplicationName = "servicepublic-baseline",
};
await using var db = NpgsqlDataSource.Create(connectionString);
var cookieKey = Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable("BASELINE_COOKIE_KEY") ?? "");
var pages = new Pages(db, TimeProvider.System);
var app = builder.Build();

// The portal's security headers (CSP and friends) and no caching: the same bytes on the wire.
app.Use((context, next) =>
{
    var headers = context.Response.Headers;
    headers.CacheControl = "no-cache, no-store";
    headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";
    headers.XContentTypeOptions = "nosniff";
    headers.XFrameOptions = "DENY";
    headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
    headers["Cross-Origin-Opener-Policy"] = "same-origin";
    return next(context);
});

app.MapGet("/health", () => "ok");
app.MapGet("/", async (HttpContext c) => await Send(c, await pages.HomeAsync(Visitor(c), c.RequestAborted)));
app.MapGet("/demarches", async (HttpContext c, string? q, string? page) =>
    await Send(c, await pages.CatalogueAsync(q, int.TryParse(page, out var p) ? p : 1, Visitor(c), c.RequestAborted)));
app.MapGet("/demarches/{slug}", async (HttpContext c, string slug) =>
    await Send(c, slug.Length <= 120 ? await pages.ProcedureAsync(slug, Visitor(c), c.RequestAborted) : null));
app.MapGet("/ministeres/{code}", async (HttpContext c, string code) =>
    await Send(c, code.Length <= 16 ? await pages.MinistryAsync(code, Visitor(c), c.RequestAborted) : null));
app.MapGet("/statistiques", async (HttpContext c) => await Send(c, await pages.StatisticsAsync(Visitor(c), c.RequestAborted)));
app.MapGet("/demandes", async (HttpContext c) =>
    Visitor(c) is { UserId: not null } v ? await Send(c, await pages.MyRequestsAsync(v, c.RequestAborted)) : SignIn(c));
app.MapGet("/agent", async (HttpContext c) =>
    Visitor(c) is { UserId: not null, IsStaff: true } v ? await Send(c, await pages.QueueAsync(v, c.RequestAborted)) : SignIn(c));
app.Run();

static async Task<IResult> Send(HttpContext context, string? html)
{
    if (html is null)
    {
        return Results.NotFound();
    }
    context.Response.ContentType = "text/html; charset=utf-8";
    await context.Response.WriteAsync(html, context.RequestAborted);
    return Results.Empty;
}

static IResult SignIn(HttpContext context) => Results.Redirect("/compte/connexion?ReturnUrl=" + Uri.EscapeDataString(context.Request.Path));

// The signed-in visitor from its cookie, checked with an HMAC (the portal decrypts and checks its
// authentication ticket; this is the cheapest honest equivalent: nobody can forge an id).
Visitor Visitor(HttpContext context)
{
    var cookie = context.Request.Cookies["sp-bench"];
    var dot = cookie?.LastIndexOf('.') ?? -1;
    if (cookie is null || dot < 1)
    {
        return ServicePublic.Baseline.Visitor.Anonymous;
    }
    var claims = cookie[..dot];
    var expected = Convert.ToHexStringLower(HMACSHA256.HashData(cookieKey, Encoding.UTF8.GetBytes(claims)));
    if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(cookie[(dot + 1)..])))
    {
        return ServicePublic.Baseline.Visitor.Anonymous;
    }
    var kind = claims.LastIndexOf('.');
    return kind < 1 ? ServicePublic.Baseline.Visitor.Anonymous : new Visitor(claims[..kind], claims[(kind + 1)..] == "s");
}
