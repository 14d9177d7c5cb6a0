using System.Text.Encodings.Web;
using FluentValidation;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.WebEncoders;
using ServicePublic.Web.Features.Catalogue;

namespace ServicePublic.Web.Setup;

internal static class Web
{
    public static void AddWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddControllersWithViews(o =>
            {
                // Every POST, PUT, PATCH and DELETE must carry the antiforgery token.
                o.Filters.Add(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute());
                // Forms are validated by their FluentValidation validator only: without this, an
                // empty field of a non-nullable string also gets MVC's "The X field is required."
                // (English), shown instead of the validator's French message.
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            })
            .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            .AddDataAnnotationsLocalization();
        // French text is written as is (é, not &#xE9;): lighter pages, readable source.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddScoped<CatalogueQueries>();
        builder.Services.AddScoped<ServicePublic.Web.Features.Requests.TrackingNumbers>();
        builder.Services.AddScoped<ServicePublic.Web.Features.Requests.RequestAccess>();
        builder.Services.AddScoped<ServicePublic.Web.Features.Requests.RequestNotifier>();
        builder.Services.AddScoped<ServicePublic.Web.Features.Administration.UserDirectory>();
        builder.Services.AddScoped<ServicePublic.Web.Features.BackOffice.BackOfficeScope>();
        builder.Services.AddScoped<ServicePublic.Web.Features.BackOffice.QueueQueries>();
        builder.Services.AddScoped<ServicePublic.Web.Features.BackOffice.CaseActions>();
        builder.Services.AddSingleton<ServicePublic.Web.Features.Shared.PortalLinks>();
        builder.Services.AddHttpContextAccessor();
        // Validators of fixed forms; a procedure form's FormValidator is built from its fields when used.
        builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton,
            filter: r => r.ValidatorType != typeof(ServicePublic.Web.Domain.Forms.FormValidator));
        builder.Services.AddRouting(o => o.LowercaseUrls = true);
    }

    public static void MapWeb(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            // Files are referenced with asp-append-version: a new file gets a new address.
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public,max-age=31536000,immutable",
        });
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/health");
        app.MapControllers();
    }
}
