using ServicePublic.Web.Features.Payments.CinetPay;
using ServicePublic.Web.Features.Payments.PayGate;
using ServicePublic.Web.Features.Payments.Sandbox;

namespace ServicePublic.Web.Features.Payments;

/// <summary>Payments: fees, providers (sandbox, PayGate, CinetPay), reconciliation and refunds.</summary>
internal static class PaymentServices
{
    public static void AddPayments(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.Configure<PaymentOptions>(configuration.GetSection(PaymentOptions.Section));
        services.AddScoped<PaymentGateways>();
        services.AddScoped<PaymentPages>();
        services.AddScoped<ReceiptQueries>();
        services.AddScoped<PaymentStart>();
        services.AddScoped<PaymentProcessor>();
        services.AddScoped<CallbackRefusals>();
        services.AddScoped<Reconciliation>();
        services.AddScoped<Refunds>();
        services.AddHostedService<ReconciliationService>();

        // The sandbox only where configuration turns it on (run.sh, tests, demonstrations).
        services.Configure<SandboxOptions>(configuration.GetSection(SandboxOptions.Section));
        services.AddScoped<SandboxCheckout>();
        if (configuration.GetValue<bool>($"{SandboxOptions.Section}:Enabled"))
        {
            if (builder.Environment.IsProduction())
            {
                // The sandbox approves whatever its user clicks: in Production, a payer would grant
                // themselves a genuine receipt without paying.
                throw new InvalidOperationException(
                    "Payments:Sandbox:Enabled is true in Production. The payment sandbox takes no money: turn it off and configure PayGate and/or CinetPay (see README, Servers).");
            }
            services.AddSingleton<SandboxSecret>();
            services.AddScoped<IPaymentGateway, SandboxGateway>();
            services.AddHttpClient(SandboxNotifier.ClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
            services.AddHostedService<SandboxNotifier>();
        }

        AddProvider<PayGateGateway, PayGateOptions>(builder, PayGateOptions.Section, o => o.TimeoutSeconds, "AuthToken");
        AddProvider<CinetPayGateway, CinetPayOptions>(builder, CinetPayOptions.Section, o => o.TimeoutSeconds, "ApiKey", "SiteId", "SecretKey");
    }

    /// <summary>A real provider, only where all its credentials are configured: without them, its methods are not offered.</summary>
    private static void AddProvider<TGateway, TOptions>(WebApplicationBuilder builder, string section, Func<TOptions, int> timeoutSeconds, params string[] credentials)
        where TGateway : class, IPaymentGateway
        where TOptions : class
    {
        builder.Services.Configure<TOptions>(builder.Configuration.GetSection(section));
        if (credentials.Any(key => string.IsNullOrWhiteSpace(builder.Configuration[$"{section}:{key}"])))
        {
            return;
        }
        builder.Services.AddHttpClient<TGateway>((sp, c) => c.Timeout = TimeSpan.FromSeconds(timeoutSeconds(sp.GetRequiredService<IOptions<TOptions>>().Value)));
        builder.Services.AddScoped<IPaymentGateway>(sp => sp.GetRequiredService<TGateway>());
    }
}
