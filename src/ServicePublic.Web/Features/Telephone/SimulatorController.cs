namespace ServicePublic.Web.Features.Telephone;

public sealed record SimulatorPage(string? From, string? Text, string? SmsReply, string? UssdPhone, string? UssdPath, string? UssdScreen);

/// <summary>
/// Development only (404 elsewhere): a basic phone on the screen. A text to the portal's number
/// is answered by the same desk as the aggregator's posts, its SMS queued in the outbox (shown
/// at /dev/messages); a USSD session goes screen by screen as on a handset.
/// </summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class SimulatorController(IHostEnvironment environment, PhoneDesk desk) : Controller
{
    // Development only, in French like /dev/messages.
    private const string UnreadableNumber = "Numero illisible.";
    private const string NoAnswer = "(pas de réponse : limite atteinte)";

    [HttpGet(TelephonePaths.Simulator)]
    public IActionResult Index() =>
        environment.IsDevelopment() ? View("Simulator", new SimulatorPage("+22890000001", "SUIVI ", null, "+22890000001", null, null)) : NotFound();

    [HttpPost(TelephonePaths.Simulator + "/sms")]
    public async Task<IActionResult> Sms([FromForm(Name = "from")] string? from, [FromForm(Name = "text")] string? text, CancellationToken ct)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }
        var reply = PhoneNumbers.Normalize(from) is { } phone ? await desk.AnswerSmsAsync(phone, text, ct) : UnreadableNumber;
        return View("Simulator", new SimulatorPage(from, text, reply ?? NoAnswer, from, null, null));
    }

    /// <summary>One USSD step: what was typed so far (<paramref name="path"/>) and the new entry.</summary>
    [HttpPost(TelephonePaths.Simulator + "/ussd")]
    public async Task<IActionResult> Ussd([FromForm(Name = "phone")] string? phone, [FromForm(Name = "path")] string? path, [FromForm(Name = "entry")] string? entry, CancellationToken ct)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }
        // The path comes back with a leading ">" (an empty one would bind as null, as if dialling again).
        var before = path is [ '>', .. var typed ] ? typed : null;
        var text = before is null ? "" : before.Length == 0 ? entry ?? "" : $"{before}*{entry}";
        var screen = PhoneNumbers.Normalize(phone) is { } number ? await desk.AnswerUssdAsync(number, text, ct) : "END " + UnreadableNumber;
        return View("Simulator", new SimulatorPage(phone, "SUIVI ", null, phone, screen.StartsWith("CON", StringComparison.Ordinal) ? ">" + text : null, screen));
    }
}
