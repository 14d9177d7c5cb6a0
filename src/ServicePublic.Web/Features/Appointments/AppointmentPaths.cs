using System.Globalization;
using ServicePublic.Web.Features.BackOffice;
using ServicePublic.Web.Features.Requests;

namespace ServicePublic.Web.Features.Appointments;

public static class AppointmentPaths
{
    /// <summary>The applicant books, or moves, its request's appointment.</summary>
    public static string Booking(string trackingNumber) => $"{RequestPaths.Details(trackingNumber)}/rendez-vous";

    public static string BookingOn(string trackingNumber, int placeId, DateOnly day) =>
        Booking(trackingNumber) + PathSegment.Query(("lieu", placeId.ToString(CultureInfo.InvariantCulture)), ("jour", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    public static string Cancel(string trackingNumber) => $"{Booking(trackingNumber)}/annuler";

    public static string Earlier(string trackingNumber) => $"{Booking(trackingNumber)}/plus-tot";

    /// <summary>The request page, at its appointment.</summary>
    public static string OnRequest(string trackingNumber) => RequestPaths.Details(trackingNumber) + "#rendez-vous";

    /// <summary>A clerk books for the applicant in front of it.</summary>
    public static string CounterBooking(string trackingNumber) => $"{BackOfficePaths.Case(trackingNumber)}/rendez-vous";

    public const string Day = "/agent/rendez-vous";

    public static string DayOf(int? placeId, DateOnly day) =>
        Day + PathSegment.Query(("lieu", placeId?.ToString(CultureInfo.InvariantCulture)), ("jour", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    public static string Mark(Guid appointmentId) => $"{Day}/{appointmentId}";

    public const string Places = "/agent/rendez-vous/lieux";

    public static string Place(int id) => $"{Places}/{id}";

    public const string NewPlace = "/agent/rendez-vous/lieux/nouveau";

    public const string Steps = "/agent/rendez-vous/demarches";

    public static string Step(string slug) => $"{Steps}/{PathSegment.Of(slug)}";
}
