using ServicePublic.Web.Features.Payments;
using ServicePublic.Web.Features.Payments.Sandbox;

namespace ServicePublic.Web.Setup;

internal static class Payments
{
    public static void AddPayments(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.Configure<PaymentOptions>(configuration.GetSection(PaymentOptions.Section));
        services.AddScoped<PaymentGateways>();
        services.AddScoped<PaymentProcessor>();
        services.AddScoped<Reconciliation>();
        services.AddScoped<Refunds>();
        services.AddHostedService<ReconciliationService>();

        // The sandbox only where configuration turns it on (run.sh, tests, demonstrations).
        services.Configure<SandboxOptions>(configuration.GetSection(SandboxOptions.Section));
        services.AddScoped<SandboxCheckout>();
        if (configuration.GetValue<bool>($"{SandboxOptions.Section}:Enabled"))
        {
            services.AddSingleton<SandboxSecret>();
            services.AddScoped<IPaymentGateway, SandboxGateway>();
            services.AddHttpClient(SandboxNotifier.ClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
            services.AddHostedService<SandboxNotifier>();
        }
    }
}
