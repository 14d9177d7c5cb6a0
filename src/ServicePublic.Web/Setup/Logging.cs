using Serilog;

namespace ServicePublic.Web.Setup;

internal static class Logging
{
    public static void AddLogging(this WebApplicationBuilder builder)
    {
        // Configured from the "Serilog" section; one logger per host, so test hosts do not share it.
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext());
    }

    public static void UseLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} answered {StatusCode} in {Elapsed:0.0} ms");
    }
}
