namespace ServicePublic.Web.Setup;

internal static class ErrorPages
{
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
