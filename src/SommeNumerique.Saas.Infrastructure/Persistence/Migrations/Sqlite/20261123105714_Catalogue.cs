using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SommeNumerique.Saas.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Catalogue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UserEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Area = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Before = table.Column<string>(type: "TEXT", nullable: true),
                    After = table.Column<string>(type: "TEXT", nullable: true),
                    Justification = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CatalogueItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    UnitLabel = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    FirstYearFree = table.Column<bool>(type: "INTEGER", nullable: false),
                    EligibilityMembership = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EligibilityMaxWorkstations = table.Column<int>(type: "INTEGER", nullable: true),
                    EligibilityAllowedKinds = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    BillingAlignment = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EpciMaySubscribeForCommunes = table.Column<bool>(type: "INTEGER", nullable: false),
                    NatureAccount = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogueItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CatalogueItemComponents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CommitmentMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    CatalogueItemId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogueItemComponents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CatalogueItemComponents_CatalogueItems_CatalogueItemId",
                        column: x => x.CatalogueItemId,
                        principalTable: "CatalogueItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Offers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    IsPublished = table.Column<bool>(type: "INTEGER", nullable: false),
                    MinQuantity = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxQuantity = table.Column<int>(type: "INTEGER", nullable: true),
                    CatalogueItemId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Offers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Offers_CatalogueItems_CatalogueItemId",
                        column: x => x.CatalogueItemId,
                        principalTable: "CatalogueItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TariffVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeliberationBody = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DeliberationDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DeliberationReference = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Vat = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    MemberPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    NonMemberPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    SetupFeeBlockSize = table.Column<int>(type: "INTEGER", nullable: true),
                    SetupFeeMember = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    SetupFeeNonMember = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    Floor = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    Cap = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    CommuneRate = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    EpciRate = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    DepartementRate = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    OfferId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TariffVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TariffVersions_Offers_OfferId",
                        column: x => x.OfferId,
                        principalTable: "Offers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TariffPayerRates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Siren = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    PayerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Rate = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    TariffVersionId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TariffPayerRates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TariffPayerRates_TariffVersions_TariffVersionId",
                        column: x => x.TariffVersionId,
                        principalTable: "TariffVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Area_Subject_At",
                table: "AuditEntries",
                columns: new[] { "Area", "Subject", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CatalogueItemComponents_CatalogueItemId",
                table: "CatalogueItemComponents",
                column: "CatalogueItemId");

            migrationBuilder.CreateIndex(
                name: "IX_CatalogueItems_Code",
                table: "CatalogueItems",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Offers_CatalogueItemId",
                table: "Offers",
                column: "CatalogueItemId");

            migrationBuilder.CreateIndex(
                name: "IX_Offers_Code",
                table: "Offers",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TariffPayerRates_TariffVersionId",
                table: "TariffPayerRates",
                column: "TariffVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_TariffVersions_OfferId_EffectiveFrom",
                table: "TariffVersions",
                columns: new[] { "OfferId", "EffectiveFrom" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "CatalogueItemComponents");

            migrationBuilder.DropTable(
                name: "TariffPayerRates");

            migrationBuilder.DropTable(
                name: "TariffVersions");

            migrationBuilder.DropTable(
                name: "Offers");

            migrationBuilder.DropTable(
                name: "CatalogueItems");
        }
    }
}
