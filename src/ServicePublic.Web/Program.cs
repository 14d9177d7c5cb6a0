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

app.UseLogging();
app.UseErrorPages();
app.UseSecurity();
app.UseLocalization();
app.MapWeb();

app.Run();

public partial class Program;
