// The namespaces nearly every feature file uses. Domain/ must still not depend on EF Core or the UI: the
// conventions test (ArchitectureTests) checks the compiled types, not the using lines.
global using System.Globalization;
global using FluentValidation;
global using Microsoft.EntityFrameworkCore;
global using Ombud.Web.Data;
global using Ombud.Web.Domain;
global using Ombud.Web.Features.Shared;
global using Ombud.Web.Infrastructure;
