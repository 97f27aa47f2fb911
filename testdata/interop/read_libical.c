/*
 * Reads .ics files with libical (Debian's libical-dev, the parser behind
 * Evolution, KDE's older stack and many CalDAV servers) and prints, for
 * each file, its events as JSON for bp's interop tests:
 *
 *     cc -o read_libical read_libical.c -lical && ./read_libical FILE...
 *
 * The output is a JSON array with one object per file, in the shape of the
 * other readers (read_icalendar.py, read_icaljs.mjs), plus "warnings":
 * every X-LIC-ERROR property libical put into the tree while parsing, and
 * those icalrestriction_check() adds (it checks RFC 5546's rules for the
 * file's METHOD, as a client that handles invitations does).
 *
 * "links" lists the CONFERENCE and ATTACH properties, each "NAME value
 * extra" (the LABEL of a CONFERENCE, the FMTTYPE of an ATTACH); libical
 * 3.0 does not know CONFERENCE (RFC 7986) and keeps it as a property of
 * its own name.
 *
 * Times with a TZID are resolved through the file's own VTIMEZONE (libical
 * links a TZID to the VTIMEZONE of the same calendar); each occurrence is
 * expanded from the RRULE with libical's own iterator.
 */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void json_string(const char *s)
{
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", stdout); break;
        case '\\': fputs("\\\\", stdout); break;
        case '\n': fputs("\\n", stdout); break;
        case '\r': fputs("\\r", stdout); break;
        case '\t': fputs("\\t", stdout); break;
        default:
            if (*p < 0x20)
                printf("\\u%04x", *p);
            else
                putchar(*p);
        }
    }
    putchar('"');
}

/* when formats a time as the other readers do: YYYY-MM-DD for a date,
 * UTC YYYY-MM-DDTHH:MM:SSZ for a time, "floating ..." for a time with no
 * zone. */
static const char *when(struct icaltimetype t)
{
    static char buf[8][64];
    static int n;
    char *b = buf[n++ % 8];
    if (icaltime_is_null_time(t))
        return NULL;
    if (t.is_date) {
        snprintf(b, 64, "%04d-%02d-%02d", t.year, t.month, t.day);
        return b;
    }
    if (t.zone == NULL && !icaltime_is_utc(t)) {
        snprintf(b, 64, "floating %04d-%02d-%02dT%02d:%02d:%02d", t.year, t.month, t.day, t.hour, t.minute, t.second);
        return b;
    }
    struct icaltimetype u = icaltime_convert_to_zone(t, icaltimezone_get_utc_timezone());
    snprintf(b, 64, "%04d-%02d-%02dT%02d:%02d:%02dZ", u.year, u.month, u.day, u.hour, u.minute, u.second);
    return b;
}

static void json_when(struct icaltimetype t)
{
    const char *s = when(t);
    if (s)
        json_string(s);
    else
        fputs("null", stdout);
}

/* warnings prints the X-LIC-ERROR properties of c and its subcomponents. */
static int warnings(icalcomponent *c, int first)
{
    for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
         p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
        if (!first)
            putchar(',');
        first = 0;
        char msg[1024];
        snprintf(msg, sizeof msg, "%s: %s", icalcomponent_kind_to_string(icalcomponent_isa(c)), icalproperty_get_xlicerror(p));
        json_string(msg);
    }
    for (icalcomponent *s = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); s;
         s = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
        first = warnings(s, first);
    return first;
}

static void event(icalcomponent *ev)
{
    fputs("{\"uid\":", stdout);
    json_string(icalcomponent_get_uid(ev));
    fputs(",\"summary\":", stdout);
    json_string(icalcomponent_get_summary(ev));
    fputs(",\"status\":", stdout);
    icalproperty *st = icalcomponent_get_first_property(ev, ICAL_STATUS_PROPERTY);
    json_string(st ? icalproperty_status_to_string(icalproperty_get_status(st)) : "");
    fputs(",\"location\":", stdout);
    json_string(icalcomponent_get_location(ev));
    fputs(",\"description\":", stdout);
    json_string(icalcomponent_get_description(ev));
    fputs(",\"url\":", stdout);
    icalproperty *url = icalcomponent_get_first_property(ev, ICAL_URL_PROPERTY);
    json_string(url ? icalproperty_get_url(url) : "");
    printf(",\"sequence\":%d", icalcomponent_get_sequence(ev));
    /* libical splits a CATEGORIES list into one property per value. */
    fputs(",\"categories\":[", stdout);
    int n = 0;
    for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_CATEGORIES_PROPERTY); p;
         p = icalcomponent_get_next_property(ev, ICAL_CATEGORIES_PROPERTY)) {
        if (n++)
            putchar(',');
        json_string(icalproperty_get_categories(p));
    }
    struct icaltimetype start = icalcomponent_get_dtstart(ev);
    struct icaltimetype end = icalcomponent_get_dtend(ev);
    printf("],\"allDay\":%s,\"start\":", start.is_date ? "true" : "false");
    json_when(start);
    fputs(",\"end\":", stdout);
    json_when(end);

    /* Every occurrence: the RRULE expanded by libical from DTSTART, each
     * lasting DTEND - DTSTART (or DURATION). */
    fputs(",\"occurrences\":[", stdout);
    struct icaldurationtype dur = icalcomponent_get_duration(ev);
    icalproperty *rp = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
    if (!rp) {
        fputs("[", stdout);
        json_when(start);
        putchar(',');
        json_when(end);
        fputs("]", stdout);
    } else {
        struct icalrecurrencetype r = icalproperty_get_rrule(rp);
        icalrecur_iterator *it = icalrecur_iterator_new(r, start);
        int k = 0;
        for (struct icaltimetype t = icalrecur_iterator_next(it); it && !icaltime_is_null_time(t) && k < 1000;
             t = icalrecur_iterator_next(it), k++) {
            if (k)
                putchar(',');
            fputs("[", stdout);
            json_when(t);
            putchar(',');
            json_when(icaltime_add(t, dur));
            fputs("]", stdout);
        }
        icalrecur_iterator_free(it);
    }
    fputs("],\"links\":[", stdout);
    n = 0;
    for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_ANY_PROPERTY); p;
         p = icalcomponent_get_next_property(ev, ICAL_ANY_PROPERTY)) {
        const char *name = icalproperty_get_property_name(p);
        const char *value = NULL, *extra = NULL;
        if (icalproperty_isa(p) == ICAL_ATTACH_PROPERTY) {
            icalattach *a = icalproperty_get_attach(p);
            value = a && icalattach_get_is_url(a) ? icalattach_get_url(a) : "(not a URL)";
            icalparameter *t = icalproperty_get_first_parameter(p, ICAL_FMTTYPE_PARAMETER);
            extra = t ? icalparameter_get_fmttype(t) : NULL;
        } else if (name && strcmp(name, "CONFERENCE") == 0) {
            value = icalproperty_get_value_as_string(p);
            icalparameter *l = icalproperty_get_first_parameter(p, ICAL_LABEL_PARAMETER);
            extra = l ? icalparameter_get_label(l) : NULL;
        } else {
            continue;
        }
        char buf[4096];
        snprintf(buf, sizeof buf, "%s %s%s%s", name, value ? value : "", extra && *extra ? " " : "", extra ? extra : "");
        if (n++)
            putchar(',');
        json_string(buf);
    }
    fputs("]}", stdout);
}

static int file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    rewind(f);
    char *text = malloc(size + 1);
    if (!text || fread(text, 1, size, f) != (size_t)size) {
        fprintf(stderr, "%s: cannot read\n", path);
        return 1;
    }
    text[size] = 0;
    fclose(f);

    icalcomponent *root = icalparser_parse_string(text);
    free(text);
    if (!root) {
        fprintf(stderr, "%s: libical cannot parse it\n", path);
        return 1;
    }
    icalcomponent *cal = root;
    if (icalcomponent_isa(root) != ICAL_VCALENDAR_COMPONENT)
        cal = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT);
    if (!cal) {
        fprintf(stderr, "%s: no VCALENDAR\n", path);
        return 1;
    }
    icalrestriction_check(cal);

    fputs("{\"name\":", stdout);
    icalproperty *name = icalcomponent_get_first_property(cal, ICAL_X_PROPERTY);
    const char *calname = "";
    for (; name; name = icalcomponent_get_next_property(cal, ICAL_X_PROPERTY))
        if (strcmp(icalproperty_get_x_name(name), "X-WR-CALNAME") == 0)
            calname = icalproperty_get_x(name);
    json_string(calname);
    fputs(",\"events\":[", stdout);
    int n = 0;
    for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        if (n++)
            putchar(',');
        event(ev);
    }
    fputs("],\"warnings\":[", stdout);
    warnings(root, 1);
    fputs("]}", stdout);
    icalcomponent_free(root);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: read_libical FILE...\n");
        return 2;
    }
    putchar('[');
    for (int i = 1; i < argc; i++) {
        if (i > 1)
            putchar(',');
        if (file(argv[i]))
            return 1;
    }
    puts("]");
    return 0;
}
