# Dates as YYYY-MM-DD wherever Django formats them for Sitrep's language (en-gb): the admin's lists,
# date inputs and calendar widget (which fills in DATE_INPUT_FORMATS[0]), history pages. British
# DD/MM/YYYY and American MM/DD/YYYY read alike for the first twelve days of a month; ISO dates do not.
# Only what differs from Django's en_GB formats is here; month names stay spelled out.
DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
DATE_INPUT_FORMATS = ["%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M"]
