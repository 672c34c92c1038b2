-- English and Polish (issue 18). A person's chosen language lives on their account (the switcher
-- sets it; NULL until they choose, and then the browser's language is used). A draw has a
-- language of its own: its mail goes out in it to people whose language is not known yet. It
-- starts as the organizer's language.

alter table public.users
    add column language text,
    add constraint users_language check (language in ('en', 'pl'));
grant select (language), update (language) on public.users to santa_app;

alter table public.draws
    add column language text not null default 'en',
    add constraint draws_language check (language in ('en', 'pl'));
