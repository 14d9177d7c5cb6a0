using Microsoft.AspNetCore.Identity;
using ServicePublic.Web.Features.Accounts;

namespace ServicePublic.Web.Setup;

internal static class Identity
{
    public static void AddIdentity(this WebApplicationBuilder builder)
    {
        var httpsOnly = builder.Configuration.GetValue("Security:HttpsOnly", true);
        var prefix = httpsOnly ? "__Host-" : "";

        builder.Services.AddIdentity<ApplicationUser, IdentityRole>(o =>
            {
                // OWASP ASVS level 2: length over complexity, plus a list of common passwords.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = true;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddPasswordValidator<CommonPasswordValidator>();

        builder.Services.AddScoped<IUserConfirmation<ApplicationUser>, EmailOrPhoneConfirmation>();
        builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(2));
        // Checked on every request (one indexed read): a password change, a role change or a closed account signs other sessions out at once.
        builder.Services.AddScoped<ISecurityStampValidator, SessionStampCheck>();

        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = prefix + "sp-session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = httpsOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = AccountPaths.SignIn;
            o.LogoutPath = AccountPaths.SignOut;
            o.AccessDeniedPath = AccountPaths.AccessDenied;
            o.ReturnUrlParameter = "returnUrl";
        });
        builder.Services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = prefix + "sp-2fa";
            o.Cookie.SecurePolicy = httpsOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o =>
        {
            o.Cookie.Name = prefix + "sp-2fa-remember";
            o.Cookie.SecurePolicy = httpsOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
    }
}
