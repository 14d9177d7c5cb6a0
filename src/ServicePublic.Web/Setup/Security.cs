namespace ServicePublic.Web.Setup;

internal static class Security
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static void AddSecurity(this WebApplicationBuilder builder)
    {
        // Behind TLS (the default), cookies are __Host- and Secure. Plain-HTTP runs (run.sh on
        // localhost, tests, a compose stack without TLS) set Security:HttpsOnly=false: the
        // antiforgery system refuses to issue a Secure cookie on an HTTP request.
        var httpsOnly = builder.Configuration.GetValue("Security:HttpsOnly", true);
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = httpsOnly ? "__Host-sp-af" : "sp-af";
            o.Cookie.SecurePolicy = httpsOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
    }

    public static void UseSecurity(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.Use((context, next) =>
        {
            SetSecurityHeaders(context.Response.Headers);
            return next();
        });
    }

    /// <summary>The headers every answer carries; also set by pages written before this middleware runs (the unavailable page).</summary>
    public static void SetSecurityHeaders(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }
}
