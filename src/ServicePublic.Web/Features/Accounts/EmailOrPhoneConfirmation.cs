using Microsoft.AspNetCore.Identity;

namespace ServicePublic.Web.Features.Accounts;

/// <summary>An account may sign in once its email (by link) or its phone (by SMS code) is confirmed.</summary>
internal sealed class EmailOrPhoneConfirmation : IUserConfirmation<ApplicationUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<ApplicationUser> manager, ApplicationUser user) =>
        Task.FromResult(!user.IsClosed && (user.EmailConfirmed || user.PhoneNumberConfirmed));
}
