using Microsoft.AspNetCore.Identity;

namespace ServicePublic.Web.Features.Accounts;

/// <summary>Queues the link that confirms an account's email (the caller saves).</summary>
public sealed class Confirmations(UserManager<ApplicationUser> users, AccountMessages messages, PortalLinks links)
{
    public async Task QueueEmailLinkAsync(ApplicationUser user)
    {
        var code = await users.GenerateEmailConfirmationTokenAsync(user);
        messages.ConfirmEmail(user.Email!, user.FullName, links.Absolute(AccountPaths.ConfirmEmail(user.Id, code)));
    }
}
