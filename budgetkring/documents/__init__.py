"""Every printed document (PDF with reportlab): session plans, lists, sheets, hand-outs, reports."""
