using ServicePublic.Web.Features.Auditing;
using ServicePublic.Web.Setup;

var builder = WebApplication.CreateBuilder(args);

builder.AddLogging();
builder.AddPersistence();
builder.AddLocalization();
builder.AddWeb();
builder.AddSecurity();
builder.AddAccounts();
builder.AddAuthorizationPolicies();
builder.AddRateLimits();
builder.AddMessaging();
builder.AddFiles();
builder.AddPayments();
builder.AddDocuments();

var app = builder.Build();

if (AuditVerifyCommand.IsRequested(args))
{
    return await AuditVerifyCommand.RunAsync(app.Services, Console.Out);
}

app.UseLogging();
app.UseErrorPages();
app.UseSecurity();
app.UseLocalization();
app.MapWeb();

app.Run();
return 0;

public partial class Program;
