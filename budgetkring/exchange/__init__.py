"""Exchange between laptops: exchange files, the coordinator's dashboard, funder reports and
export."""
