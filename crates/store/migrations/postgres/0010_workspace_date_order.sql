-- How a workspace reads a date written with the year last and slashes
-- (03/05/2024) when either number could be the month: 'month_first'
-- (5 March, the default and what extraction always did), 'day_first'
-- (3 May) or 'refuse'. Extraction's datetime transform and the rule
-- expressions' date helpers both read with it.

ALTER TABLE workspaces ADD COLUMN date_order TEXT NOT NULL DEFAULT 'month_first';
