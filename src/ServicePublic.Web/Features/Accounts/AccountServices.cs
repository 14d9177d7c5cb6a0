namespace ServicePublic.Web.Features.Accounts;

/// <summary>The account pages' services; Identity itself is configured in Setup/Identity.cs.</summary>
internal static class AccountServices
{
    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CommonPasswords>();
        builder.Services.AddScoped<ActingContext>();
        builder.Services.AddScoped<AccountMessages>();
        builder.Services.AddScoped<AccountQueries>();
        builder.Services.AddScoped<Confirmations>();
        builder.Services.AddSingleton<Tickets>();
        builder.Services.AddScoped<SmsCodes>();
        builder.Services.Configure<SmsLimitOptions>(builder.Configuration.GetSection(SmsLimitOptions.Section));
    }
}
