using System.Globalization;
using ServicePublic.Web.Features.BackOffice;
using ServicePublic.Web.Features.Requests;

namespace ServicePublic.Web.Features.Appointments;

internal static class AppointmentServices
{
    public static void AddAppointments(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<AppointmentOptions>(builder.Configuration.GetSection(AppointmentOptions.Section));
        builder.Services.AddScoped<AppointmentDesk>();
        builder.Services.AddScoped<AppointmentNotices>();
        builder.Services.AddScoped<AppointmentQueries>();
        builder.Services.AddScoped<CounterDesk>();
        builder.Services.AddHostedService<AppointmentReminders>();
    }
}
