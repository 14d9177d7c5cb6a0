namespace ServicePublic.Web.Features.Payments.CinetPay;

/// <summary>
/// Where CinetPay's checkout sends the payer back, by POST (token, transaction_id) or GET: on to
/// the request's payment page, which asks CinetPay where the payment stands. Nothing changes here.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class CinetPayReturnController(ReceiptQueries queries) : Controller
{
    private const string Route = "/paiements/cinetpay/retour/{paymentId:guid}";

    public static string Path(Guid paymentId) => Route.Replace("{paymentId:guid}", paymentId.ToString(), StringComparison.Ordinal);

    [AcceptVerbs("GET", "POST", Route = Route)]
    public async Task<IActionResult> Back(Guid paymentId, CancellationToken ct)
    {
        var trackingNumber = await queries.CinetPayTrackingNumberAsync(paymentId, ct);
        if (trackingNumber is null)
        {
            return NotFound();
        }
        // 303: the browser follows with a GET, and a GET coming from another site still carries the session cookie (SameSite=Lax).
        Response.Headers.Location = PaymentPaths.Returned(trackingNumber);
        return StatusCode(StatusCodes.Status303SeeOther);
    }
}
