using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddSipMeetings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SipMeetings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MandateId = table.Column<int>(type: "INTEGER", nullable: false),
                    PreviousMeetingId = table.Column<int>(type: "INTEGER", nullable: true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Time = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    IsVideo = table.Column<bool>(type: "INTEGER", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CalledById = table.Column<int>(type: "INTEGER", nullable: true),
                    LeadActorId = table.Column<int>(type: "INTEGER", nullable: true),
                    ClientAttends = table.Column<bool>(type: "INTEGER", nullable: false),
                    Relatives = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClientGoals = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    FollowUpOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ConsentConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    RequestedByOmbud = table.Column<bool>(type: "INTEGER", nullable: false),
                    PlanReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PreparedClient = table.Column<bool>(type: "INTEGER", nullable: false),
                    OmbudAttended = table.Column<bool>(type: "INTEGER", nullable: false),
                    ExplainedOutcome = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SipMeetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SipMeetings_Actors_CalledById",
                        column: x => x.CalledById,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SipMeetings_Actors_LeadActorId",
                        column: x => x.LeadActorId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SipMeetings_Mandates_MandateId",
                        column: x => x.MandateId,
                        principalTable: "Mandates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SipMeasures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SipMeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    ActorId = table.Column<int>(type: "INTEGER", nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SipMeasures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SipMeasures_Actors_ActorId",
                        column: x => x.ActorId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SipMeasures_SipMeetings_SipMeetingId",
                        column: x => x.SipMeetingId,
                        principalTable: "SipMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SipParticipants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SipMeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    ActorId = table.Column<int>(type: "INTEGER", nullable: false),
                    ContactPerson = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Role = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SipParticipants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SipParticipants_Actors_ActorId",
                        column: x => x.ActorId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SipParticipants_SipMeetings_SipMeetingId",
                        column: x => x.SipMeetingId,
                        principalTable: "SipMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SipMeasures_ActorId",
                table: "SipMeasures",
                column: "ActorId");

            migrationBuilder.CreateIndex(
                name: "IX_SipMeasures_DueOn",
                table: "SipMeasures",
                column: "DueOn");

            migrationBuilder.CreateIndex(
                name: "IX_SipMeasures_SipMeetingId",
                table: "SipMeasures",
                column: "SipMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_SipMeetings_CalledById",
                table: "SipMeetings",
                column: "CalledById");

            migrationBuilder.CreateIndex(
                name: "IX_SipMeetings_FollowUpOn",
                table: "SipMeetings",
                column: "FollowUpOn");

            migrationBuilder.CreateIndex(
                name: "IX_SipMeetings_LeadActorId",
                table: "SipMeetings",
                column: "LeadActorId");

            migrationBuilder.CreateIndex(
                name: "IX_SipMeetings_MandateId_Date",
                table: "SipMeetings",
                columns: new[] { "MandateId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_SipMeetings_PreviousMeetingId",
                table: "SipMeetings",
                column: "PreviousMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_SipParticipants_ActorId",
                table: "SipParticipants",
                column: "ActorId");

            migrationBuilder.CreateIndex(
                name: "IX_SipParticipants_SipMeetingId",
                table: "SipParticipants",
                column: "SipMeetingId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SipMeasures");

            migrationBuilder.DropTable(
                name: "SipParticipants");

            migrationBuilder.DropTable(
                name: "SipMeetings");
        }
    }
}
