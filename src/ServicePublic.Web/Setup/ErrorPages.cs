using ServicePublic.Web.Features.Errors;

namespace ServicePublic.Web.Setup;

internal static class ErrorPages
{
    /// <summary>The exceptions known to need an answer of their own, before the generic error page.</summary>
    public static void AddErrorPages(this WebApplicationBuilder builder) =>
        builder.Services.AddExceptionHandler<DatabaseUnavailablePage>(); // database down: 503, at once

    public static void UseErrorPages(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler("/erreur");
        }
        // 404, 403, 429... render the portal's own page, in its layout.
        app.UseStatusCodePagesWithReExecute("/erreur/{0}");
    }
}
