using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace ServicePublic.Web.Setup;

internal static class Localization
{
    public const string French = "fr-TG";
    public const string English = "en";
    public static readonly string[] Supported = [French, English];

    public static void AddLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Supported.Select(c => new CultureInfo(c)).ToList();
            options.DefaultRequestCulture = new RequestCulture(French);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            // French unless the visitor chose English with the switch (a cookie): the
            // browser's Accept-Language does not decide for them.
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
    }

    public static void UseLocalization(this WebApplication app) => app.UseRequestLocalization();
}
