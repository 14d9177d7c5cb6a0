using ServicePublic.Web.Features.Requests;

namespace ServicePublic.Web.Features.Appointments;

/// <summary>A booking refused (full, past, after the deadline…): the booking page again, with the reason beside the times, as a 422.</summary>
internal static class BookingRefusal
{
    public static async Task<IActionResult> RefusedAsync(
        this Controller controller, AppointmentQueries queries, BusinessRuleException refusal, Request request, bool atCounter, int? lieu, DateOnly? jour, CancellationToken ct)
    {
        controller.AddError(refusal.Field ?? "", refusal.Message);
        controller.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return controller.View("Booking", await queries.BookingAsync(request, atCounter, lieu, jour, ct));
    }
}
