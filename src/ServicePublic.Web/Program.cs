using ServicePublic.Web.Features.Accounts;
using ServicePublic.Web.Features.Administration;
using ServicePublic.Web.Features.Appointments;
using ServicePublic.Web.Features.BackOffice;
using ServicePublic.Web.Features.Businesses;
using ServicePublic.Web.Features.Catalogue;
using ServicePublic.Web.Features.Documents;
using ServicePublic.Web.Features.Edition;
using ServicePublic.Web.Features.Payments;
using ServicePublic.Web.Features.Requests;
using ServicePublic.Web.Features.Statistics;
using ServicePublic.Web.Features.Supervision;
using ServicePublic.Web.Features.Telephone;
using ServicePublic.Web.Infrastructure.Files;
using ServicePublic.Web.Infrastructure.Messaging;
using ServicePublic.Web.Infrastructure.Notifications;
using ServicePublic.Web.Setup;

var builder = WebApplication.CreateBuilder(args);

// Concerns of the whole portal (Setup/).
builder.AddLogging();
builder.AddPersistence();
builder.AddErrorPages();
builder.AddLocalization();
builder.AddMvc();
builder.AddSecurity();
builder.AddPublicUrl();
builder.AddTrustedProxies();
builder.AddDataProtectionKeys();
builder.AddIdentity();
builder.AddAuthorizationPolicies();
builder.AddRateLimits();
builder.AddPublicPageCaching();

// Plumbing (Infrastructure/).
builder.AddAuditing();
builder.AddMessaging();
builder.AddFiles();
builder.AddNotifications();

// Features (Features/<feature>/), each registering its own services.
builder.AddAccounts();
builder.AddBusinesses();
builder.AddCatalogue();
builder.AddRequests();
builder.AddPayments();
builder.AddDocuments();
builder.AddBackOffice();
builder.AddAdministration();
builder.AddSupervision();
builder.AddEdition();
builder.AddAppointments();
builder.AddTelephone();
builder.AddStatistics();

var app = builder.Build();

if (AuditVerifyCommand.IsRequested(args))
{
    return await AuditVerifyCommand.RunAsync(app.Services, Console.Out);
}

// The middleware, in the order a request goes through it.
app.UseTrustedProxies();          // X-Forwarded-For/Proto believed from the configured proxies only
app.UseLogging();                 // one log line per request, with its status and duration
app.UseHeadWithoutBody();         // HEAD is answered as GET (Setup/HeadRequests.cs), minus the body
app.UseErrorPages();              // exceptions and 4xx/5xx render the portal's own French page
app.UseSecurity();                // HSTS and security headers (CSP, nosniff, frame-ancestors…)
app.UseLocalization();            // French unless the visitor chose English
app.UseVersionedStaticFiles();    // /css, /favicon.ico: answered before routing, cached for good
app.UseRouting();
app.UseRateLimiter();             // per-IP limits of sign-in, SMS codes, verification
app.UseAuthentication();
app.UseAuthorization();           // policies in Domain/Accounts/Policies.cs
app.UsePublicPageCaching();       // anonymous public pages: output cache, Cache-Control public + ETag; others no-store
app.MapHealthChecks("/health");
app.MapControllers();

app.Run();
return 0;

public partial class Program;
