using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SommeNumerique.Saas.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BillingRunSequenceAndTenantStatus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "BillingRunTenants",
                type: "TEXT",
                maxLength: 30,
                nullable: false,
                defaultValue: "Pending");

            // Issue 11: the tenant rows' "done" flag becomes a status (Pending, Issued, ChangedSincePreview).
            migrationBuilder.Sql(@"UPDATE ""BillingRunTenants"" SET ""Status"" = 'Issued' WHERE ""Done"" = 1;");

            migrationBuilder.DropColumn(
                name: "Done",
                table: "BillingRunTenants");

            migrationBuilder.AddColumn<int>(
                name: "Sequence",
                table: "BillingRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Issue 11: number the existing runs of each period in the order they were created (1, 2...).
            migrationBuilder.Sql(@"UPDATE ""BillingRuns"" SET ""Sequence"" = (SELECT COUNT(*) FROM ""BillingRuns"" AS b WHERE b.""Alignment"" = ""BillingRuns"".""Alignment"" AND b.""PeriodStart"" = ""BillingRuns"".""PeriodStart"" AND (b.""CreatedAt"" < ""BillingRuns"".""CreatedAt"" OR (b.""CreatedAt"" = ""BillingRuns"".""CreatedAt"" AND b.""Id"" <= ""BillingRuns"".""Id"")));");

            migrationBuilder.CreateIndex(
                name: "IX_BillingRuns_Alignment_PeriodStart_Sequence",
                table: "BillingRuns",
                columns: new[] { "Alignment", "PeriodStart", "Sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_BillingRuns_Alignment_PeriodStart_Sequence",
                table: "BillingRuns");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "BillingRunTenants");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "BillingRuns");

            migrationBuilder.AddColumn<bool>(
                name: "Done",
                table: "BillingRunTenants",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }
    }
}
