using System.Text.Encodings.Web;
using System.Text.Unicode;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.WebEncoders;
using ServicePublic.Web.Domain.Forms;

namespace ServicePublic.Web.Setup;

/// <summary>Controllers, their views (one folder per feature), validation and the few services every feature uses.</summary>
internal static class Mvc
{
    public static void AddMvc(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddControllersWithViews(o =>
            {
                // Every POST, PUT, PATCH and DELETE must carry the antiforgery token.
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                // Every page answers HEAD as it answers GET, headers and status alike.
                o.Conventions.Add(new HeadLikeGet());
                // Forms are validated by their FluentValidation validator only: without this, an
                // empty field of a non-nullable string also gets MVC's "The X field is required."
                // (English), shown instead of the validator's French message.
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            })
            .AddRazorOptions(o => o.ViewLocationExpanders.Add(new FeatureFolderViews()))
            .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            .AddDataAnnotationsLocalization();
        // French text is written as is (é, not &#xE9;): lighter pages, readable source.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddSingleton<PortalLinks>();
        builder.Services.AddHttpContextAccessor();
        // Validators of fixed forms; a procedure form's FormValidator is built from its fields when used.
        builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton,
            filter: r => r.ValidatorType != typeof(FormValidator));
        builder.Services.AddRouting(o => o.LowercaseUrls = true);
    }

    /// <summary>Static files are referenced with asp-append-version: a new file gets a new address, so they are cached for good.</summary>
    public static void UseVersionedStaticFiles(this WebApplication app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public,max-age=31536000,immutable",
        });
}
