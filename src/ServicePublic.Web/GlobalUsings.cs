// The namespaces nearly every controller, query and service of the portal uses, written once.
global using Microsoft.AspNetCore.Authorization;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.Options;
global using ServicePublic.Web.Data;
global using ServicePublic.Web.Domain;
global using ServicePublic.Web.Domain.Appointments;
global using ServicePublic.Web.Domain.Accounts;
global using ServicePublic.Web.Domain.Catalogue;
global using ServicePublic.Web.Domain.Payments;
global using ServicePublic.Web.Domain.Requests;
global using ServicePublic.Web.Features.Shared;
global using ServicePublic.Web.Infrastructure.Auditing;
