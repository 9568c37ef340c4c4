global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Time.Testing;
global using Ombud.Web.Data;
global using Ombud.Web.Domain;
global using Ombud.Web.Features.Shared;
global using Ombud.Web.Infrastructure;
global using Xunit;
