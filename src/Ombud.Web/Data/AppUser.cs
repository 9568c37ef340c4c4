using Microsoft.AspNetCore.Identity;

namespace Ombud.Web.Data;

/// <summary>A staff member (ombud, enhetschef, admin). ASP.NET Core Identity on the application database.</summary>
public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public int UnitId { get; set; }
    public bool IsActive { get; set; } = true;
}
